"""Visit statistics and the page regions of sites.seo / sites.notices on PostgreSQL.

1. the beacon: queries and wall time per counted view (through Django's test client);
2. the nightly aggregation: time to fold 50,000 hits of 5 sites (one day) into counters;
3. the queries the seo/notices/stats regions add to a school home page (page cache cold,
   site caches warm, weather cached).

Run: .venv/bin/python bench/stats.py (DATABASE_URL defaults to
postgres://postgres@127.0.0.1:5432/mektep_bench_stats, created when missing). Budgets in
bench/README.md; exits 1 when one is exceeded."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, bench/ itself is sys.path[0] and its helpdesk.py would shadow django-helpdesk.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
DATABASE = "mektep_bench_stats"
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DATABASE}")
os.environ["DJANGO_SETTINGS_MODULE"] = "mektep.settings.test"

BUDGET = {"beacon_queries": 3, "aggregate_seconds_50k": 30.0, "region_queries": 6}
HITS = 50_000
SITES = 5


def ensure_database():
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE],
        capture_output=True,
        check=False,
    )


def schools():
    from schools.factories import DistrictFactory, create_school

    district = DistrictFactory(code="bench-stats")
    return [
        create_school(f"bench-stats-{n}", district=district, sequence=900 + n) for n in range(SITES)
    ]


def bench_beacon(school):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    body = json.dumps({"path": "/kk/", "lang": "kk", "ref": "https://google.kz/"})
    post = {
        "data": body,
        "content_type": "application/json",
        "HTTP_HOST": school.site.hostname,
        "HTTP_USER_AGENT": "Mozilla/5.0 Chrome/130.0",
    }
    client.post("/stats/hit", REMOTE_ADDR="10.0.0.1", **post)  # the day's salt is loaded
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/stats/hit", REMOTE_ADDR="10.0.0.2", **post)
    assert response.status_code == 204, response.status_code
    # Django clears the query log at each request: count now.
    beacon_queries = len(queries)
    started = time.perf_counter()
    for n in range(500):
        client.post("/stats/hit", REMOTE_ADDR=f"10.0.{n // 250}.{n % 250}", **post)
    per_hit_ms = (time.perf_counter() - started) * 1000 / 500
    return beacon_queries, per_hit_ms


def bench_aggregation(sites):
    import datetime

    from django.utils import timezone

    from sites.stats.aggregation import aggregate_finished_days
    from sites.stats.models import DailyBreakdown, DailyStats, PageHit

    day = timezone.localdate() - datetime.timedelta(days=1)
    DailyStats.objects.filter(day=day).delete()
    DailyBreakdown.objects.filter(day=day).delete()
    PageHit.objects.bulk_create(
        [
            PageHit(
                site=sites[n % SITES].site,
                day=day,
                path=f"/kk/page-{n % 300}/",
                language=("kk", "ru", "en")[n % 3],
                referrer_host=("", "google.kz", "yandex.kz", "instagram.com")[n % 4],
                visitor=f"{n % 4000:032d}",
            )
            for n in range(HITS)
        ],
        batch_size=5000,
    )
    started = time.perf_counter()
    folded = aggregate_finished_days()
    return folded, time.perf_counter() - started


def bench_regions(school):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from schools.page_cache import invalidate_site_pages
    from sites.seo.models import SeoSettings

    settings = SeoSettings.for_site(school.site)
    settings.ga4_id = "G-BENCH1234"
    settings.save()
    client = Client()
    host = school.site.hostname
    client.get("/kk/", HTTP_HOST=host)
    invalidate_site_pages()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/kk/", HTTP_HOST=host).status_code == 200
    ours = [
        q["sql"]
        for q in queries
        if any(t in q["sql"] for t in ("sites_seo_", "sites_notices_", "sites_stats_"))
    ]
    return len(queries), len(ours)


def main():
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    sites = schools()
    beacon_queries, per_hit_ms = bench_beacon(sites[0])
    folded, seconds = bench_aggregation(sites)
    page_queries, region_queries = bench_regions(sites[0])
    rows = [
        ("beacon: queries per view (2 site resolution)", beacon_queries, BUDGET["beacon_queries"]),
        ("beacon: ms per view (test client)", f"{per_hit_ms:.2f}", "-"),
        (f"aggregation: s for {folded} hits", f"{seconds:.2f}", BUDGET["aggregate_seconds_50k"]),
        ("home page: all queries", page_queries, "-"),
        ("home page: queries of seo/notices/stats", region_queries, BUDGET["region_queries"]),
    ]
    print(f"{'measure':<45} {'value':>10} {'budget':>8}")
    for name, value, budget in rows:
        print(f"{name:<45} {value!s:>10} {budget!s:>8}")
    ok = (
        beacon_queries <= BUDGET["beacon_queries"]
        and seconds <= BUDGET["aggregate_seconds_50k"]
        and region_queries <= BUDGET["region_queries"]
    )
    print("ok" if ok else "BUDGET EXCEEDED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
