"""The database backend over search.models.SearchEntry, whose title and body already hold
stemmed terms (search.analysis).

- SQLite (the embedded default): Wagtail's database search backend (FTS5).
- PostgreSQL: the entry's own generated ``search_vector`` column (migration 0002, GIN index,
  'simple' config since the text is stemmed already, kept in the row by migration 0004)
  matched with ``@@`` and ranked with ``ts_rank`` over at most MAX_CANDIDATES matches, in
  one query; total and facets come from the same rows, and only the page of hits shown is
  loaded and highlighted. Wagtail's backend joins its index table on a text cast of the id
  and matches a concatenated vector, which measured several hundred milliseconds per query
  at 100,000 entries (bench/search.py); the direct column keeps the same terms."""

import difflib
from collections import Counter
from functools import reduce

from django.db import connection
from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from ..highlight import mark_title, snippet
from ..models import SearchEntry, SearchWord
from ..registry import kind_label
from ..service import Hit, SearchResults, kind_facets, local_url, visibility_q, year_facets


def build_query(analyzed):
    """Wagtail query: every query word must match one of its alternative terms."""
    words = []
    for group in analyzed.groups:
        alternatives = [PlainText(term) for term in sorted(group)]
        words.append(reduce(lambda a, b: Or([a, b]), alternatives))
    return reduce(lambda a, b: And([a, b]), words)


def build_tsquery(analyzed):
    """The same query as PostgreSQL tsquery text. Terms are letters and digits only
    (search.analysis), quoted all the same."""
    return " & ".join(
        "(" + " | ".join(f"'{term}'" for term in sorted(group)) + ")" for group in analyzed.groups
    )


MAX_CANDIDATES = 1000

# Columns a result line needs: the analysed title and body stay in the database.
HIT_FIELDS = ("key", "kind", "language", "site_id", "date", "url", "display_title", "display_text")


class WagtailMatcher:
    """SQLite: Wagtail's database search backend (FTS5) matches, ranks and counts."""

    def __init__(self):
        self.backend = get_search_backend()

    def match(self, queryset, analyzed):
        return self.backend.search(build_query(analyzed), queryset)

    def fill(self, results, base, analyzed, params):
        """Total and facets on `results`; returns the entries of the requested page."""
        filtered = base
        if params.kind:
            filtered = filtered.filter(kind=params.kind)
        if params.year:
            filtered = filtered.filter(year=params.year)
        found = self.match(filtered, analyzed)
        results.total = found.count()
        # Each facet counts without its own selection, so the other values stay reachable.
        by_kind = base.filter(year=params.year) if params.year else base
        by_year = base.filter(kind=params.kind) if params.kind else base
        results.kinds = kind_facets(
            self.match(by_kind, analyzed).facet("kind").items(), params.kind
        )
        results.years = year_facets(
            self.match(by_year, analyzed).facet("year").items(), params.year
        )
        if not results.total:
            return []
        start = (results.page - 1) * params.per_page
        return list(found[start : start + params.per_page])

    def exists(self, base, analyzed):
        return bool(list(self.match(base, analyzed)[:1]))


class PostgresMatcher:
    """PostgreSQL: one query finds at most MAX_CANDIDATES matches and ranks them in the same
    pass (id, type, year, date and ts_rank only); total, both facets and the order of the
    hits come from those rows, and a second query loads the page of hits by id.

    A school site never has MAX_CANDIDATES matches. A portal or platform search for a
    common word shows "more than" that count and ranks the candidates found first, as
    search engines estimate large counts: counting and ranking every one of tens of
    thousands of matches would cost seconds and change nothing on the first pages."""

    def matches(self, queryset, analyzed):
        tsquery = build_tsquery(analyzed)
        return (
            queryset.annotate(
                _matches=RawSQL(
                    "search_vector @@ to_tsquery('simple', %s)", [tsquery], BooleanField()
                )
            )
            .filter(_matches=True)
            .order_by()
        )

    def fill(self, results, base, analyzed, params):
        tsquery = build_tsquery(analyzed)
        rows = list(
            self.matches(base, analyzed)
            .annotate(
                _rank=RawSQL(
                    "ts_rank(search_vector, to_tsquery('simple', %s))", [tsquery], FloatField()
                ),
                # Seconds, not datetimes: parsing a thousand timestamps costs more than the
                # query; the date only breaks ties in the rank.
                _epoch=RawSQL("extract(epoch from date)::float8", [], FloatField()),
            )
            .values_list("pk", "kind", "year", "_epoch", "_rank")[: MAX_CANDIDATES + 1]
        )
        results.capped = len(rows) > MAX_CANDIDATES
        kinds, years, shown = Counter(), Counter(), []
        for row in rows[:MAX_CANDIDATES]:
            _pk, kind, year, _epoch, _rank = row
            # Each facet counts without its own selection, so the other values stay reachable.
            if not params.year or year == params.year:
                kinds[kind] += 1
            if not params.kind or kind == params.kind:
                years[year] += 1
            if (not params.kind or kind == params.kind) and (
                not params.year or year == params.year
            ):
                shown.append(row)
        results.total = len(shown)
        results.kinds = kind_facets(kinds.items(), params.kind)
        results.years = year_facets(years.items(), params.year)
        # Best rank first, then the newest (undated last), then the latest indexed.
        shown.sort(key=lambda r: (r[4], r[3] is not None, r[3] or 0.0, r[0]), reverse=True)
        start = (results.page - 1) * params.per_page
        ids = [row[0] for row in shown[start : start + params.per_page]]
        entries = SearchEntry.objects.only(*HIT_FIELDS).in_bulk(ids)
        return [entries[pk] for pk in ids if pk in entries]

    def exists(self, base, analyzed):
        return self.matches(base, analyzed).exists()


class DatabaseBackend:
    name = "database"

    def __init__(self):
        self.matcher = PostgresMatcher() if connection.vendor == "postgresql" else WagtailMatcher()

    def base_queryset(self, params):
        return SearchEntry.objects.filter(
            params.scope.q(), visibility_q(params), language=params.language
        )

    def search(self, params, analyzed, with_suggestion=True):
        results = SearchResults(params=params, backend=self.name)
        entries = self.matcher.fill(results, self.base_queryset(params), analyzed, params)
        terms = analyzed.highlight_terms
        # Snippets only for the page of hits shown.
        results.hits = [self.hit(entry, terms, params) for entry in entries]
        if with_suggestion and results.total == 0:
            results.suggestion = self.suggest(params, analyzed)
        return results

    def hit(self, entry, terms, params):
        return Hit(
            key=entry.key,
            title=mark_title(entry.display_title, entry.language, terms),
            url=local_url(entry.url, entry.site_id, params),
            kind=entry.kind,
            kind_label=str(kind_label(entry.kind)),
            date=entry.date,
            snippet=snippet(entry.display_text, entry.language, terms),
            site_id=entry.site_id,
        )

    def suggest(self, params, analyzed):
        """'Did you mean': each unknown word replaced by the closest indexed word of the
        language (similar length, same first letter), kept only if it finds something."""
        from ..analysis import analyze_query

        changed, words = False, []
        for word in analyzed.words:
            known = SearchWord.objects.filter(language=params.language, word=word).exists()
            if known or len(word) < 3:
                words.append(word)
                continue
            candidates = SearchWord.objects.filter(
                language=params.language,
                word__startswith=word[0],
                length__gte=len(word) - 2,
                length__lte=len(word) + 2,
            ).values_list("word", flat=True)[:5000]
            close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.7)
            if close:
                words.append(close[0])
                changed = True
            else:
                words.append(word)
        if not changed:
            return ""
        suggestion = " ".join(words)
        retry = analyze_query(suggestion, params.language)
        if not retry:
            return ""
        return suggestion if self.matcher.exists(self.base_queryset(params), retry) else ""
