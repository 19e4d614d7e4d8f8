"""`make bench`: the production profile (PostgreSQL, Redis, gunicorn) on loopback.

Measures SQL queries per page in-process, then requests/s and latency with wrk against
gunicorn for a school home page, a content page and a bare Django view returning the same
bytes as the home page. Budgets are in bench/README.md; the script exits 1 when one fails."""

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


def count_queries(paths):
    import django
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("demo_load", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from schools.page_cache import invalidate_site_pages

    client = Client()
    counts = {}
    cache.clear()
    client.get("/ru/", HTTP_HOST=HOST)  # warms the process-wide caches (site root paths)
    for path in paths:
        # The page itself is not cached: this counts what rendering it costs.
        invalidate_site_pages()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, HTTP_HOST=HOST)
        counts[path] = (response.status_code, len(queries))
        if path == paths[0]:
            (ROOT / "bench" / ".bare-body.html").write_bytes(response.content)
    return counts


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
    paths = ["/kk/", "/kk/about/"]
    counts = count_queries(paths)
    failed = False
    print(f"{'page':28} {'status':>6} {'queries':>8}  budget {MAX_QUERIES}")
    for path, (status, n) in counts.items():
        print(f"{path:28} {status:>6} {n:>8}")
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
        time.sleep(3)
        results = {}
        for name, path in (
            ("home (cached)", "/kk/"),
            ("content page", "/kk/about/"),
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
