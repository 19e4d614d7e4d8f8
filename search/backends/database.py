"""The database backend over search.models.SearchEntry, whose title and body already hold
stemmed terms (search.analysis).

- SQLite (the embedded default): Wagtail's database search backend (FTS5).
- PostgreSQL: the entry's own generated ``search_vector`` column (migration 0002, GIN index,
  'simple' config since the text is stemmed already) matched with ``@@`` and ranked with
  ``ts_rank``. Wagtail's backend joins its index table on a text cast of the id and matches
  a concatenated vector, which measured several hundred milliseconds per query at 100,000
  entries (bench/search.py); the direct column keeps the same terms and stays in budget."""

import difflib
from functools import reduce

from django.db import connection
from django.db.models import BooleanField, Count, FloatField
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


class WagtailMatcher:
    def __init__(self):
        self.backend = get_search_backend()

    def match(self, queryset, analyzed):
        return self.backend.search(build_query(analyzed), queryset)

    def count(self, matched):
        return matched.count()

    def facet(self, matched, field):
        return list(matched.facet(field).items())


class PostgresMatcher:
    """Matches through the GIN index, then ranks, counts and facets at most MAX_CANDIDATES
    matches: a school site never has that many, and a platform-wide search for a word on
    every page ranks the first MAX_CANDIDATES found and shows "more than" that count
    (ranking tens of thousands of rows would cost seconds)."""

    def candidates(self, queryset, analyzed):
        tsquery = build_tsquery(analyzed)
        first_matches = (
            queryset.annotate(
                _matches=RawSQL(
                    "search_vector @@ to_tsquery('simple', %s)", [tsquery], BooleanField()
                )
            )
            .filter(_matches=True)
            .order_by()
            .values("pk")[:MAX_CANDIDATES]
        )
        return SearchEntry.objects.filter(pk__in=first_matches)

    def match(self, queryset, analyzed):
        tsquery = build_tsquery(analyzed)
        return (
            self.candidates(queryset, analyzed)
            .annotate(
                _rank=RawSQL(
                    "ts_rank(search_vector, to_tsquery('simple', %s))", [tsquery], FloatField()
                )
            )
            .order_by("-_rank", "-date", "-pk")
        )

    def count(self, matched):
        return matched.order_by().count()

    def facet(self, matched, field):
        rows = (
            matched.order_by().values(field).annotate(count=Count("pk")).values_list(field, "count")
        )
        return list(rows)


class DatabaseBackend:
    name = "database"

    def __init__(self):
        self.matcher = PostgresMatcher() if connection.vendor == "postgresql" else WagtailMatcher()

    def base_queryset(self, params):
        return SearchEntry.objects.filter(
            params.scope.q(), visibility_q(params), language=params.language
        )

    def search(self, params, analyzed, with_suggestion=True):
        base = self.base_queryset(params)
        filtered = base
        if params.kind:
            filtered = filtered.filter(kind=params.kind)
        if params.year:
            filtered = filtered.filter(year=params.year)
        found = self.matcher.match(filtered, analyzed)
        results = SearchResults(params=params, backend=self.name)
        if isinstance(self.matcher, PostgresMatcher):
            self.count_grouped(results, self.matcher.candidates(base, analyzed), params)
        else:
            self.count_with_facets(results, found, base, analyzed, params)
        if results.total:
            start = (results.page - 1) * params.per_page
            terms = analyzed.highlight_terms
            results.hits = [
                self.hit(entry, terms, params) for entry in found[start : start + params.per_page]
            ]
        if with_suggestion and results.total == 0:
            results.suggestion = self.suggest(params, analyzed)
        return results

    def count_with_facets(self, results, found, base, analyzed, params):
        results.total = self.matcher.count(found)
        # Each facet counts without its own selection, so the other values stay reachable.
        by_kind = base.filter(year=params.year) if params.year else base
        by_year = base.filter(kind=params.kind) if params.kind else base
        results.kinds = kind_facets(
            self.matcher.facet(self.matcher.match(by_kind, analyzed), "kind"), params.kind
        )
        results.years = year_facets(
            self.matcher.facet(self.matcher.match(by_year, analyzed), "year"), params.year
        )

    def count_grouped(self, results, matched_base, params):
        """Total and both facets from one GROUP BY kind, year over the matches."""
        rows = list(matched_base.values_list("kind", "year").annotate(n=Count("pk")).order_by())
        kinds, years = {}, {}
        for kind, year, n in rows:
            if not params.year or year == params.year:
                kinds[kind] = kinds.get(kind, 0) + n
            if not params.kind or kind == params.kind:
                years[year] = years.get(year, 0) + n
            if (not params.kind or kind == params.kind) and (
                not params.year or year == params.year
            ):
                results.total += n
        results.kinds = kind_facets(kinds.items(), params.kind)
        results.years = year_facets(years.items(), params.year)
        results.capped = sum(n for _k, _y, n in rows) >= MAX_CANDIDATES

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
        found = self.matcher.match(self.base_queryset(params), retry)
        return suggestion if list(found[:1]) else ""
