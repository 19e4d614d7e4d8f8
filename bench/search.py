"""Search latency with 100,000 indexed pages on PostgreSQL (budget: p95 ≤ 100 ms).

Method: the search path reads only search/'s own table (mektep_search_searchentry) and
Wagtail's index table (wagtailsearch_indexentry), so the bench fills those two directly:
SearchEntry rows with bulk_create (text from a Kazakh/Russian vocabulary with a Zipf-like
word distribution, spread over 500 school sites in 20 districts of 4 regions, in kk and ru),
then one INSERT ... SELECT that builds the tsvectors the way Wagtail's PostgreSQL backend
does (to_tsvector of the analysed title and body). Creating 100,000 real Wagtail pages
(treebeard paths, revisions, translations) would take hours and measure nothing more of
search. Each scenario then runs the whole service (count, one page of hits with
snippets, the two facets, "did you mean" when empty) repeatedly; p50 and p95 are printed.

Run:  .venv/bin/python bench/search.py [--pages 100000] [--runs 50] [--reuse]
Database: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/mektep_bench_search
(created with createdb when missing).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# bench/ itself must not be importable as top-level modules (bench/helpdesk.py would shadow
# django-helpdesk's package).
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mektep_bench_search"
os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mektep.settings.test")

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


def ensure_database(url):
    """createdb when missing (it fails harmlessly when the database exists)."""
    name = url.rsplit("/", 1)[1]
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True, check=False
    )


def populate(pages, rng):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from wagtail.models import Page, Site

    from search.analysis import index_terms
    from search.models import SearchEntry

    SearchEntry.objects.all()._raw_delete(SearchEntry.objects.db)
    root = Page.get_first_root_node()
    sites = []
    for number in range(SITES):
        site, _ = Site.objects.get_or_create(
            hostname=f"bench-{number}.localhost", port=80, defaults={"root_page": root}
        )
        sites.append(site.pk)
    rare = ["".join(rng.choices(SYLLABLES, k=3)) for _ in range(5000)]
    now = timezone.now()
    batch, started = [], time.perf_counter()
    for number in range(pages):
        language = "kk" if number % 3 else "ru"
        words = KK_WORDS if language == "kk" else RU_WORDS
        title = " ".join(zipf_words(words, rng, rng.randint(2, 5)))
        body = " ".join(zipf_words(words, rng, 60) + rng.choices(rare, k=20))
        site_index = number % SITES
        district = site_index % DISTRICTS
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
                date=now - timezone.timedelta(days=rng.randint(0, 2000)),
                url=f"http://bench-{site_index}.localhost/{language}/p{number}/",
                display_title=title,
                display_text=body,
                title=index_terms(title, language),
                body=index_terms(body, language),
            )  # fmt: skip
        )
        batch[-1].year = batch[-1].date.year
        if len(batch) == 5000:
            SearchEntry.objects.bulk_create(batch)
            batch = []
            print(f"  entries: {number + 1}/{pages}", flush=True)
    SearchEntry.objects.bulk_create(batch)
    content_type = ContentType.objects.get_for_model(SearchEntry)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM wagtailsearch_indexentry WHERE content_type_id = %s", [content_type.pk]
        )
        cursor.execute(
            """
            INSERT INTO wagtailsearch_indexentry
                (content_type_id, object_id, title, body, autocomplete, title_norm,
                 title_text, body_text)
            SELECT %s, id::text, setweight(to_tsvector(title), 'A'),
                   setweight(to_tsvector(body), 'D'), ''::tsvector, 1.0, title, body
            FROM mektep_search_searchentry
            """,
            [content_type.pk],
        )
        cursor.execute("ANALYZE")
    print(f"  {pages} entries and index rows in {time.perf_counter() - started:.0f} s")
    return sites


def scenarios(sites):
    from search.scope import SearchScope

    school = SearchScope(site_id=sites[7])
    region = SearchScope(site_id=sites[0], region_id=1001)
    platform = SearchScope(site_id=sites[0], everything=True)
    return [
        ("school, kk common word", "kk", "мектептер", school),
        ("school, kk two words", "kk", "оқушыларға олимпиада", school),
        ("school, kk Latin script", "kk", "mektepter", school),
        ("school, ru inflected", "ru", "учителей", school),
        ("school, no result + did you mean", "kk", "мектепткк", school),
        ("region portal, kk word", "kk", "кітапханада", region),
        ("platform, kk rare word", "kk", "жүлде", platform),
        ("platform, kk common word", "kk", "мектеп", platform),
    ]


def measure(runs, sites):
    from django.contrib.auth.models import AnonymousUser

    from search.service import SearchParams, search

    rows = []
    for label, language, text, scope in scenarios(sites):
        timings = []
        total = 0
        for run in range(runs + 3):
            params = SearchParams(
                text=text, language=language, scope=scope, user=AnonymousUser(), page=1
            )
            started = time.perf_counter()
            total = search(params).total
            if run >= 3:  # the first runs warm the connection and caches
                timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        rows.append((label, total, statistics.median(timings), p95))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="keep the existing entries")
    args = parser.parse_args()
    ensure_database(os.environ["DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command

    from wagtail.models import Site

    from search.models import SearchEntry

    call_command("migrate", verbosity=0)
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
        f"\n{'scenario':38} {'results':>8} {'p50 ms':>8} {'p95 ms':>8}  budget {BUDGET_MS:.0f} ms"
    )
    for label, total, p50, p95 in rows:
        verdict = "ok" if p95 <= BUDGET_MS else "OVER"
        print(f"{label:38} {total:8d} {p50:8.1f} {p95:8.1f}  {verdict}")


if __name__ == "__main__":
    main()
