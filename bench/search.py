"""Search latency with 100,000 indexed pages on PostgreSQL (budget: p95 ≤ 100 ms).

Method: the search path on PostgreSQL reads only search/'s own table
(mektep_search_searchentry, whose generated tsvector column is the full-text index) and the
"did you mean" vocabulary (mektep_search_searchword), so the bench fills those two directly:
SearchEntry rows with bulk_create (text from a Kazakh/Russian vocabulary with a Zipf-like
word distribution, spread over 500 school sites in 20 districts of 4 regions, in kk and ru,
analysed by search.analysis as indexing does) and the vocabulary of those texts. Creating
100,000 real Wagtail pages (treebeard paths, revisions, translations) would take hours and
measure nothing more of search. Each scenario then runs the whole service (count and facets,
one page of hits with snippets, "did you mean" when empty) repeatedly; p50 and p95 are
printed, and the exit status is 1 when a p95 is over budget.

Run:  .venv/bin/python -m bench.search [--pages 100000] [--runs 40] [--reuse]
Database: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/mektep_bench_search
(created when missing, migrated).
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from bench.common import bench_database, percentile, timed

BUDGET_MS = 100.0


def _words(text):
    return text.split()


SITES, DISTRICTS, REGIONS = 500, 20, 4

KK_WORDS = _words(
    """
    мектеп мектептер мектебі мектепте оқушы оқушылар оқушыларға мұғалім мұғалімдер сынып
    сыныптар сыныпқа сабақ сабақтар олимпиада олимпиадасы жарыс жарыстары кітапхана
    кітапханада жаңалық жаңалықтар ата-ана ата-аналар жиналыс қабылдау құжаттар білім білімі
    бағдарлама оқулық математика физика тарих әдебиет спорт футбол ән би байқау жеңімпаз
    жүлде мереке тәрбие психолог кеңес кесте емтихан тест бітірушілер
    """
)
RU_WORDS = _words(
    """
    школа школы школе ученики учеников ученикам учитель учителя учителей класс классы урок
    уроки олимпиада олимпиады соревнование библиотека новости родители собрание приём
    документы знания программа учебник математика физика история литература спорт футбол
    конкурс победитель приз праздник воспитание психолог совет расписание экзамен тест
    выпускники
    """
)
SYLLABLES = _words(
    """
    ба бе да де ка ке қа ла ле ма ме на не ра ре са се та те жа жо ұл үл ің ық
    """
)


def zipf_words(words, rng, count):
    weights = [1 / (rank + 1) for rank in range(len(words))]
    return rng.choices(words, weights=weights, k=count)


def populate(pages, rng):
    from django.db import connection
    from django.utils import timezone

    from wagtail.models import Page, Site

    from search.analysis import index_terms
    from search.indexing import remember_words
    from search.models import SearchEntry, SearchWord

    SearchEntry.objects.all()._raw_delete(SearchEntry.objects.db)
    SearchWord.objects.all()._raw_delete(SearchWord.objects.db)
    root = Page.get_first_root_node()
    sites = []
    for number in range(SITES):
        site, _ = Site.objects.get_or_create(
            hostname=f"bench-{number}.localhost", port=80, defaults={"root_page": root}
        )
        sites.append(site.pk)
    rare = ["".join(rng.choices(SYLLABLES, k=3)) for _ in range(5000)]
    for language, words in (("kk", KK_WORDS), ("ru", RU_WORDS)):
        remember_words(language, " ".join(words + rare))
    now = timezone.now()
    batch, started = [], time.perf_counter()
    for number in range(pages):
        language = "kk" if number % 3 else "ru"
        words = KK_WORDS if language == "kk" else RU_WORDS
        title = " ".join(zipf_words(words, rng, rng.randint(2, 5)))
        body = " ".join(zipf_words(words, rng, 60) + rng.choices(rare, k=20))
        site_index = number % SITES
        district = site_index % DISTRICTS
        date = now - timezone.timedelta(days=rng.randint(0, 2000))
        batch.append(
            SearchEntry(
                key=f"bench:{number}",
                source="page",
                kind=rng.choice(["page", "news", "news", "event", "vacancy"]),
                language=language,
                site_id=sites[site_index],
                region_id=1000 + district % REGIONS,
                district_id=2000 + district,
                public=rng.random() > 0.02,
                date=date,
                year=date.year,
                url=f"http://bench-{site_index}.localhost/{language}/p{number}/",
                display_title=title,
                display_text=body,
                title=index_terms(title, language),
                body=index_terms(body, language),
            )  # fmt: skip
        )
        if len(batch) == 5000:
            SearchEntry.objects.bulk_create(batch)
            batch = []
            print(f"  entries: {number + 1}/{pages}", flush=True)
    SearchEntry.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE mektep_search_searchentry")
        cursor.execute("ANALYZE mektep_search_searchword")
    print(f"  {pages} entries in {time.perf_counter() - started:.0f} s")
    return sites


QUERIES = [
    ("kk common word", "kk", "мектептер"),
    ("kk two words", "kk", "оқушыларға олимпиада"),
    ("kk Latin script", "kk", "mektepter"),
    ("kk rare word", "kk", "жүлде"),
    ("ru inflected", "ru", "учителей"),
    ("no result + did you mean", "kk", "мектепткк"),
]


def scenarios(sites):
    from search.scope import SearchScope

    scopes = [
        ("school", SearchScope(site_id=sites[7])),
        ("district portal", SearchScope(site_id=sites[0], district_id=2001)),
        ("region portal", SearchScope(site_id=sites[0], region_id=1001)),
        ("platform", SearchScope(site_id=sites[0], everything=True)),
    ]
    return [
        (f"{scope_label}, {query_label}", language, text, scope)
        for scope_label, scope in scopes
        for query_label, language, text in QUERIES
    ]


def measure(runs, sites):
    from django.contrib.auth.models import AnonymousUser

    from search.service import SearchParams, search

    rows = []
    for label, language, text, scope in scenarios(sites):
        params = SearchParams(
            text=text, language=language, scope=scope, user=AnonymousUser(), page=1
        )
        results = search(params)
        shown = f"{results.total}{'+' if results.capped else ''}"
        timings = timed(lambda params=params: search(params), runs)
        rows.append((label, shown, percentile(timings, 50), percentile(timings, 95)))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--reuse", action="store_true", help="keep the existing entries")
    args = parser.parse_args()
    bench_database("mektep_bench_search")

    from wagtail.models import Site

    from search.models import SearchEntry

    rng = random.Random(20261123)
    if args.reuse and SearchEntry.objects.count() >= args.pages:
        sites = list(
            Site.objects.filter(hostname__startswith="bench-")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    else:
        print(f"Populating {args.pages} entries ...")
        sites = populate(args.pages, rng)
    rows = measure(args.runs, sites)
    print(
        f"\n{'scenario':42} {'results':>8} {'p50 ms':>8} {'p95 ms':>8}  budget {BUDGET_MS:.0f} ms"
    )
    over = False
    for label, shown, p50, p95 in rows:
        over |= p95 > BUDGET_MS
        verdict = "ok" if p95 <= BUDGET_MS else "OVER"
        print(f"{label:42} {shown:>8} {p50:8.1f} {p95:8.1f}  {verdict}")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
