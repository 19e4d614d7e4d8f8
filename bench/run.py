"""`make bench` (`.venv/bin/python -m bench.run`): the production profile (PostgreSQL, Redis,
gunicorn) on loopback, on the demo with 50 news items (covers, tags), 200 images and 20
comments on one item added to the demo school (bench.news.fill_news).

Measures SQL queries per page in-process (page cache cold, site caches warm) for an anonymous
visitor and a logged-in member, then requests/s and latency with wrk against gunicorn for the
school home page, its news index and a news item (anonymous, cached) and a bare Django view
returning the same bytes as the home page. Budgets are in bench/README.md; the script exits 1
when one fails."""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mektep_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/5")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("LOG_LEVEL", "WARNING")  # the table, not every task and publish
PORT = int(os.environ.get("BENCH_PORT", "8099"))
HOST = "nurly-bilim.localhost"
MAX_QUERIES = 15
CACHED_VS_BARE = 2.0


def ensure_database():
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", "mektep_bench"],
        capture_output=True,
        check=False,
    )


def count_queries():
    """{(visitor, page): (status, queries)} and the paths measured."""
    import django
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("demo_load", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from bench.news import fill_news
    from schools.models import School
    from schools.page_cache import invalidate_site_pages

    school = School.objects.get(site__hostname=HOST)
    index, item, member = fill_news(school)
    paths = {
        "home": "/kk/",
        "content page": "/kk/about/",
        "news index": index.get_url(current_site=school.site),
        "news item": item.get_url(current_site=school.site),
    }
    counts = {}
    cache.clear()
    for visitor in ("anonymous", "member"):
        client = Client()
        if visitor == "member":
            client.force_login(member)
        for name, path in paths.items():
            client.get(path, HTTP_HOST=HOST)  # warms the site caches and renditions
            # The page itself is not cached: this counts what rendering it costs.
            invalidate_site_pages()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, HTTP_HOST=HOST)
            counts[(visitor, name)] = (response.status_code, len(queries))
            if visitor == "anonymous" and name == "home":
                (ROOT / "bench" / ".bare-body.html").write_bytes(response.content)
    return counts, paths


def wait_for(url, timeout=120):
    """Until gunicorn's workers answer (they boot for a while on a loaded machine)."""
    import urllib.request

    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"Host": HOST})
    while True:
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(1)


def wrk(url, seconds=5):
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "-H", f"Host: {HOST}", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", output).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", output).group(1)
    return rps, p50, p99


def main():
    ensure_database()
    counts, paths = count_queries()
    failed = False
    print(f"{'page':14} {'visitor':10} {'status':>6} {'queries':>8}  budget {MAX_QUERIES}")
    for (visitor, name), (status, n) in counts.items():
        print(f"{name:14} {visitor:10} {status:>6} {n:>8}")
        failed |= n > MAX_QUERIES or status != 200
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk): throughput not measured")
        return 1 if failed else 0
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "mektep.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--env",
            "DJANGO_SETTINGS_MODULE=bench.settings",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}"},
    )
    try:
        wait_for(f"http://127.0.0.1:{PORT}{paths['home']}")
        results = {}
        for name, path in (
            ("home (cached)", paths["home"]),
            ("news index", paths["news index"]),
            ("news item", paths["news item"]),
            ("bare view", "/__bench__/bare"),
        ):
            wrk(f"http://127.0.0.1:{PORT}{path}", seconds=2)  # warm-up, not reported
            results[name] = wrk(f"http://127.0.0.1:{PORT}{path}")
        print(f"\n{'endpoint':16} {'req/s':>9} {'p50':>9} {'p99':>9}   (cores: {os.cpu_count()})")
        for name, (rps, p50, p99) in results.items():
            print(f"{name:16} {rps:>9.0f} {p50:>9} {p99:>9}")
        ratio = results["bare view"][0] / results["home (cached)"][0]
        print(
            f"\ncached home takes {ratio:.2f}x the time of the bare view (budget {CACHED_VS_BARE}x)"
        )
        failed |= ratio > CACHED_VS_BARE
    finally:
        server.terminate()
        server.wait()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
