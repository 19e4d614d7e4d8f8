"""News exchange at scale on PostgreSQL (budgets: fan-out of one item to 1,000 subscribing
sites ≤ 10 s, import of 10,000 feed items ≤ 60 s, on 2 cores).

Method. Setup (once, kept with --reuse): a source school and 1,000 subscriber sites, each
with a home page, a news section and a subscription to the source (publish at once).
- Fan-out: one news item is published on the source; the timer runs from the publish to the
  last linked copy being live on the 1,000 sites. The work is the real Celery task code
  (`syndicate_page` splits subscribers in chunks, `deliver_to_subscribers` republishes them)
  run by as many worker processes as the machine has cores, as Celery workers would.
- Import: a local HTTP server serves 100 RSS feeds of 100 items; each feed has its own
  subscriber site (draft mode). Timed: fetching, parsing, sanitising and storing all 10,000
  items (`import_feed`), then landing them as draft news pages (`deliver_pending`), again
  spread over one worker process per core.
- Deferred indexing: landing queues `index_landed_pages` after each batch (Wagtail's search
  and reference index, the site search). It is not part of either budget (the copies are
  live and listed without it) but is timed too, over the same workers.

Run:  .venv/bin/python -m bench.syndication [--sites 1000] [--feeds 100] [--items 100]
      [--workers N] [--reuse]
Database: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/mektep_bench_syndication
(created with createdb when missing); cache on REDIS_URL, default redis://127.0.0.1:6379/3.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, bench/ itself is on sys.path and bench/helpdesk.py would shadow the
# django-helpdesk package.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mektep_bench_syndication"
os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mektep.settings.test")

FANOUT_BUDGET_S = 10.0
IMPORT_BUDGET_S = 60.0
PREFIX = "bench-synd"


def ensure_database(url, fresh):
    name = url.rsplit("/", 1)[1]
    if fresh:  # a fresh run starts from an empty database so that timings are comparable
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name],
            capture_output=True,
            check=False,
        )
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True, check=False
    )


def make_site(n):
    from wagtail.models import Locale, Page, Site

    from sites.news.models import NewsIndexPage
    from sites.pages.models import SchoolHomePage

    locale = Locale.objects.get(language_code="kk")
    home = SchoolHomePage(title=f"Bench {n}", slug=f"{PREFIX}-{n}", locale=locale)
    Page.get_first_root_node().add_child(instance=home)
    site = Site.objects.create(
        hostname=f"{PREFIX}-{n}.localhost", port=80, root_page=home, site_name=f"Bench {n}"
    )
    index = NewsIndexPage(title="Жаңалықтар", slug="news", locale=locale)
    home.add_child(instance=index)
    return site, index


def setup(sites):
    from django.core.management import call_command

    from wagtail.models import Site

    from schools.factories import DistrictFactory, create_school
    from sites.news.models import NewsIndexPage
    from sites.syndication.models import Subscription

    call_command("migrate", verbosity=0)
    source = create_school(
        f"{PREFIX}-source", district=DistrictFactory(code=f"{PREFIX}-district"), sequence=7000
    )
    source_index = NewsIndexPage.objects.descendant_of(source.site.root_page).first()
    if source_index is None:
        source_index = NewsIndexPage(title="Жаңалықтар", slug="news")
        source.site.root_page.add_child(instance=source_index)
    existing = Site.objects.filter(hostname__startswith=f"{PREFIX}-").exclude(pk=source.site_id)
    started = time.perf_counter()
    for n in range(existing.count(), sites):
        site, index = make_site(n)
        Subscription.objects.create(
            site=site, news_index=index, source_site=source.site, publish=True
        )
        if n % 100 == 99:
            print(f"  setup: {n + 1}/{sites} sites", flush=True)
    print(f"  setup took {time.perf_counter() - started:.1f} s", flush=True)
    return source, source_index


def _in_worker(function, args):
    from django.db import connections

    connections.close_all()
    return function(*args)


def run_pool(workers, function, argument_lists):
    from django.db import connections

    connections.close_all()  # forked workers must not share the parent's connection
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        return pool.starmap(_in_worker, [(function, args) for args in argument_lists])


def deliver_chunk(page_id, subscription_ids):
    from sites.syndication.tasks import deliver_to_subscribers

    return deliver_to_subscribers(page_id, subscription_ids)


def index_chunk(page_ids, references):
    from sites.syndication.tasks import index_landed_pages

    return index_landed_pages(page_ids, references)


def bench_indexing(page_ids, workers, references):
    """The deferred indexing task over the landed pages, in the landing's batch sizes."""
    from sites.syndication.importer import LAND_BATCH

    chunks = [
        (page_ids[i : i + LAND_BATCH], references) for i in range(0, len(page_ids), LAND_BATCH)
    ]
    started = time.perf_counter()
    run_pool(workers, index_chunk, chunks)
    return time.perf_counter() - started


def bench_fanout(source, source_index, workers, sites, indexing):
    from django.utils import timezone

    from sites.news.models import NewsPage
    from sites.syndication.models import Republication, Subscription
    from sites.syndication.tasks import FANOUT_CHUNK

    page = NewsPage(
        title="Бүкіл елге жаңалық", slug=f"fanout-{time.time_ns()}", date=timezone.now()
    )
    source_index.add_child(instance=page)
    ids = list(
        Subscription.objects.filter(source_site=source.site)
        .order_by("pk")
        .values_list("pk", flat=True)
    )[:sites]
    started = time.perf_counter()
    page.save_revision().publish()  # indexes the entry; syndicate_page would chunk as below
    chunks = [(page.pk, ids[i : i + FANOUT_CHUNK]) for i in range(0, len(ids), FANOUT_CHUNK)]
    created = sum(run_pool(workers, deliver_chunk, chunks))
    elapsed = time.perf_counter() - started
    live = Republication.objects.filter(origin=page, copy__live=True).count()
    copies = list(Republication.objects.filter(origin=page).values_list("copy_id", flat=True))
    return elapsed, created, live, indexing and bench_indexing(copies, workers, references=True)


def feed_document(base, feed, items):
    parts = [
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>',
        f"<title>Feed {feed}</title><link>{base}/</link>",
    ]
    for n in range(items):
        parts.append(
            f"<item><title>Жаңалық {feed}-{n} &lt;b&gt;маңызды&lt;/b&gt;</title>"
            f"<link>{base}/f{feed}/n{n}</link><guid>{base}/f{feed}/n{n}</guid>"
            "<pubDate>Mon, 02 Nov 2026 09:00:00 +0500</pubDate>"
            "<description><![CDATA[<p onclick='x()'>Мәтін <a href='/more'>толығырақ</a>"
            " <img src='/i.jpg'></p><script>bad()</script>]]></description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def serve(feeds, items):
    documents = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            body = documents.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    for feed in range(feeds):
        documents[f"/feed{feed}.xml"] = feed_document(base, feed, items)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, base


def import_one(feed_id):
    from sites.syndication.importer import import_feed
    from sites.syndication.models import Feed

    return import_feed(Feed.objects.get(pk=feed_id))


def land_one(subscription_id):
    from sites.syndication.importer import deliver_pending
    from sites.syndication.models import Subscription

    return deliver_pending(Subscription.objects.select_related("feed").get(pk=subscription_id))


def bench_import(feeds, items, workers, indexing):
    from wagtail.models import Site

    from sites.news.models import NewsIndexPage
    from sites.syndication.models import Delivery, Feed, Subscription

    httpd, base = serve(feeds, items)
    Feed.objects.filter(name__startswith="bench feed").delete()  # a fresh import each run
    sites = list(
        Site.objects.filter(hostname__startswith=f"{PREFIX}-")
        .exclude(hostname__contains="source")
        .order_by("pk")[:feeds]
    )
    feed_ids, subscription_ids = [], []
    for n, site in enumerate(sites):
        feed = Feed.objects.create(site=site, name=f"bench feed {n}", url=f"{base}/feed{n}.xml")
        index = NewsIndexPage.objects.descendant_of(site.root_page).first()
        subscription = Subscription.objects.create(
            site=site, news_index=index, feed=feed, publish=False
        )
        feed_ids.append((feed.pk,))
        subscription_ids.append((subscription.pk,))
    started = time.perf_counter()
    stored = sum(run_pool(workers, import_one, feed_ids))
    stored_at = time.perf_counter()
    landed = sum(run_pool(workers, land_one, subscription_ids))
    finished = time.perf_counter()
    again = sum(run_pool(workers, import_one, feed_ids))  # the same import twice: nothing new
    httpd.shutdown()
    pages = list(
        Delivery.objects.filter(subscription_id__in=[s for (s,) in subscription_ids])
        .order_by("pk")
        .values_list("page_id", flat=True)
    )
    indexing_s = indexing and bench_indexing(pages, workers, references=False)
    return stored_at - started, finished - stored_at, stored, landed, again, indexing_s


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--reuse", action="store_true", help="keep the subscriber sites")
    parser.add_argument(
        "--skip-indexing", action="store_true", help="do not time the deferred indexing"
    )
    options = parser.parse_args()

    ensure_database(os.environ["DATABASE_URL"], fresh=not options.reuse)
    import django

    django.setup()
    from django.conf import settings

    from mektep.celery import app

    # The page cache (bumped per landed site) on Redis as in production; the test profile
    # would keep it in process memory.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": PREFIX,
        }
    }
    # Tasks queued by signals (syndicate_page on publish) must not run inline here: the
    # bench runs the task code itself, spread over worker processes like Celery workers.
    app.conf.task_always_eager = False
    app.conf.broker_url = "memory://"
    settings.SYNDICATION_ALLOW_PRIVATE_ADDRESSES = True  # the bench's feeds are on loopback

    print(f"cores: {os.cpu_count()}  workers: {options.workers}  "
          f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}  "
          f"cache: {os.environ['REDIS_URL']}")  # fmt: skip
    source, source_index = setup(max(options.sites, options.feeds))
    fanout_s, created, live, fanout_index_s = bench_fanout(
        source, source_index, options.workers, options.sites, not options.skip_indexing
    )
    store_s, land_s, stored, landed, again, import_index_s = bench_import(
        options.feeds, options.items, options.workers, not options.skip_indexing
    )
    import_s = store_s + land_s
    rows = [
        ("fan-out to subscribing sites", f"{options.sites} sites", f"{fanout_s:.1f} s",
         f"{created} copies, {live} live", f"≤ {FANOUT_BUDGET_S:.0f} s",
         "ok" if fanout_s <= FANOUT_BUDGET_S else "OVER"),
        ("import: fetch, parse, store", f"{options.feeds}×{options.items} items",
         f"{store_s:.1f} s", f"{stored} new", "", ""),
        ("import: land as draft pages", f"{landed} pages", f"{land_s:.1f} s", "", "", ""),
        ("import total", f"{options.feeds * options.items} items", f"{import_s:.1f} s",
         f"re-import: {again} new", f"≤ {IMPORT_BUDGET_S:.0f} s",
         "ok" if import_s <= IMPORT_BUDGET_S else "OVER"),
    ]  # fmt: skip
    if not options.skip_indexing:
        rows += [
            ("deferred indexing, fan-out", f"{created} pages", f"{fanout_index_s:.1f} s",
             "after the copies are live", "", ""),
            ("deferred indexing, import", f"{landed} pages", f"{import_index_s:.1f} s",
             "after the items landed", "", ""),
        ]  # fmt: skip
    widths = [max(len(str(row[i])) for row in rows) for i in range(6)]
    for row in rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
