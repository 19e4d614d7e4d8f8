"""What benchmarks share: a migrated PostgreSQL database of their own, and timing.

Benchmarks run as modules from the repository root (``.venv/bin/python -m bench.<name>``),
so that bench/ never shadows a package of the same name (bench/helpdesk.py vs
django-helpdesk's ``helpdesk``). Typical use::

    from bench.common import bench_database, percentile, timed

    bench_database("mektep_bench_search")        # before any model is imported
    timings = timed(lambda: search(params), runs=50)
    print(percentile(timings, 50), percentile(timings, 95))

The API is these three functions; anything else here is private.
"""

from __future__ import annotations

import math
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
SERVER_URL = "postgres://postgres@127.0.0.1:5432"


def bench_database(name, settings="mektep.settings.test"):
    """Use the PostgreSQL database `name` on the local server (DATABASE_URL overrides the
    whole URL), create it when missing, set Django up with `settings` (unless
    DJANGO_SETTINGS_MODULE is set) and apply the migrations. Returns the database URL."""
    if str(ROOT / "platform") not in sys.path:
        sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
    url = os.environ.setdefault("DATABASE_URL", f"{SERVER_URL}/{name}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    _create_database(url)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def _create_database(url):
    """CREATE DATABASE through the server's maintenance database, when it is missing."""
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(url, dbname="postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def timed(fn, runs, warmup=3):
    """Call `fn` `warmup` times untimed (connections, caches), then `runs` times; returns
    the `runs` durations in milliseconds, in call order."""
    for _ in range(warmup):
        fn()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values, p):
    """The nearest-rank percentile: the smallest value with at least p % of the values at
    or below it (p95 of 40 runs is the 38th smallest)."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]
