"""Inbound feeds from a real local HTTP server: formats, encodings, sanitising, de-duplication,
conditional GET, errors recorded per feed with back-off, and landing in subscribers' news."""

import time

from django.test import override_settings
from django.utils import timezone

import pytest

from sites.news.models import NewsPage
from sites.syndication.models import Delivery, Feed, FeedItem, Subscription
from sites.syndication.tasks import fetch_due_feeds, fetch_feed

pytestmark = pytest.mark.django_db

RSS20 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Otanbilim</title><link>{base}/</link>
<item><title>Олимпиада &lt;b&gt;нәтижелері&lt;/b&gt;</title><link>{base}/news/1</link>
<guid isPermaLink="false">otb-1</guid><pubDate>Mon, 02 Nov 2026 09:00:00 +0500</pubDate>
<description><![CDATA[<p onclick="steal()">Жеңімпаздар <a href="/winners">тізімі</a>
<img src="/img/cup.jpg" onerror="x()" alt="Кубок"></p>
<script>alert(1)</script>]]></description></item>
<item><title>Second</title><link>{base}/news/2</link><guid isPermaLink="false">otb-2</guid>
<description>Plain &amp; simple</description></item>
</channel></rss>"""

RSS091 = """<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel>
<title>Old</title><link>{base}/</link><description>d</description><language>ru</language>
<item><title>Старая новость</title><link>/old/1</link><description>Текст</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}/atom/"><title>Atom</title>
<id>urn:a</id><updated>2026-11-01T10:00:00Z</updated>
<entry><title type="html">&lt;em&gt;Atom&lt;/em&gt; жаңалығы</title><id>urn:a:1</id>
<link href="entries/1"/><updated>2026-11-01T10:00:00Z</updated>
<content type="html">&lt;p&gt;Мазмұн &lt;img src="pics/a.png"&gt;&lt;/p&gt;</content>
</entry></feed>"""

JSON_FEED = """{{"version": "https://jsonfeed.org/version/1.1", "title": "J",
"home_page_url": "{base}/", "items": [{{"id": "j1", "url": "{base}/j/1",
"title": "JSON жаңалығы", "content_html": "<p>Hello <a href='/x'>x</a></p>",
"date_published": "2026-11-03T08:00:00+05:00"}}]}}"""


def make_feed(server, path, body, school, index, content_type="application/xml", **route):
    server.add(path, body=body, headers={"Content-Type": content_type}, **route)
    feed = Feed.objects.create(site=school.site, name=f"Feed {path}", url=server.url(path))
    Subscription.objects.create(site=school.site, news_index=index, feed=feed, publish=True)
    return feed


def base_of(server):
    return server.url("")


def test_rss20_items_land_sanitised_with_attribution(server, school_a, index_a):
    feed = make_feed(server, "/rss", RSS20.format(base=base_of(server)).encode(), school_a, index_a)
    fetch_feed(feed.pk)
    feed.refresh_from_db()
    assert feed.status == Feed.Status.OK and feed.items_last_fetch == 2
    page = NewsPage.objects.get(source_url=server.url("/news/1"))
    assert page.live and page.title == "Олимпиада нәтижелері"  # HTML in titles is stripped
    assert page.source_name == feed.name and page.canonical_url == server.url("/news/1")
    html = str(page.body[0].value.source)
    assert "<script" not in html and "onclick" not in html and "onerror" not in html
    assert f'src="{server.url("/img/cup.jpg")}"' in html  # images kept, relative link resolved
    assert f'href="{server.url("/winners")}"' in html


def test_same_import_twice_creates_nothing_new(server, school_a, index_a):
    feed = make_feed(server, "/rss", RSS20.format(base=base_of(server)).encode(), school_a, index_a)
    fetch_feed(feed.pk)
    counts = FeedItem.objects.count(), NewsPage.objects.count(), Delivery.objects.count()
    fetch_feed(feed.pk)
    fetch_feed(feed.pk)
    assert (FeedItem.objects.count(), NewsPage.objects.count(), Delivery.objects.count()) == counts
    feed.refresh_from_db()
    assert feed.items_new_last_fetch == 0


def test_duplicate_by_link_with_a_new_guid_is_ignored(server, school_a, index_a):
    base = base_of(server)
    feed = make_feed(server, "/rss", RSS20.format(base=base).encode(), school_a, index_a)
    fetch_feed(feed.pk)
    changed = RSS20.format(base=base).replace("otb-1", "otb-1-renamed")
    server.add("/rss", body=changed.encode(), headers={"Content-Type": "application/xml"})
    fetch_feed(feed.pk)
    assert FeedItem.objects.filter(feed=feed).count() == 2


def test_rss091_atom_and_json_feed(server, school_a, index_a):
    base = base_of(server)
    feeds = [
        make_feed(server, "/091", RSS091.format(base=base).encode(), school_a, index_a),
        make_feed(server, "/atom", ATOM.format(base=base).encode(), school_a, index_a),
        make_feed(
            server, "/json", JSON_FEED.format(base=base).encode(), school_a, index_a,
            content_type="application/feed+json",
        ),
    ]  # fmt: skip
    for feed in feeds:
        fetch_feed(feed.pk)
        feed.refresh_from_db()
        assert feed.status == Feed.Status.OK, feed.error_message
    assert NewsPage.objects.filter(source_url=server.url("/old/1"), title="Старая новость").exists()
    atom = NewsPage.objects.get(source_url=server.url("/atom/entries/1"))
    assert atom.title == "Atom жаңалығы"
    assert server.url("/atom/pics/a.png") in str(atom.body[0].value.source)
    json_page = NewsPage.objects.get(source_url=server.url("/j/1"))
    assert server.url("/x") in str(json_page.body[0].value.source)


def test_broken_encoding_is_read_as_windows_1251_with_a_warning(server, school_a, index_a):
    body = RSS20.format(base=base_of(server)).encode("cp1251", errors="ignore")
    feed = make_feed(server, "/cp", body, school_a, index_a)  # declares utf-8, is cp1251
    fetch_feed(feed.pk)
    feed.refresh_from_db()
    assert feed.status == Feed.Status.WARNING
    assert "windows-1251" in feed.error_message
    assert NewsPage.objects.filter(title__startswith="Олимпиада").exists()


def test_huge_item_is_cut(server, school_a, index_a):
    base = base_of(server)
    huge = RSS20.format(base=base).replace("Plain &amp; simple", "ә" * 500_000)
    feed = make_feed(server, "/huge", huge.encode(), school_a, index_a)
    fetch_feed(feed.pk)
    item = FeedItem.objects.get(link=server.url("/news/2"))
    assert len(item.content) <= 210_000 and len(item.summary) <= 300


def test_conditional_get_uses_etag(server, school_a, index_a):
    body = RSS20.format(base=base_of(server)).encode()

    def handler(request, payload):
        if request.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, body

    feed = make_feed(server, "/etag", b"", school_a, index_a, handler=handler)
    fetch_feed(feed.pk)
    fetch_feed(feed.pk)
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.status == Feed.Status.NOT_MODIFIED
    route = server.routes["/etag"]
    assert route.requests[1][0].get("If-None-Match") == '"v1"'


def slow_body():
    time.sleep(3)
    yield b"<rss/>"


BAD_FEEDS = [
    ("malformed", {"body": b"<?xml version='1.0'?><rss><chan<<el>"}, "malformed"),
    ("status500", {"body": b"oops", "status": 500}, "http_status"),
    ("unknown", {"body": b'<?xml version="1.0" encoding="x-klingon"?><rss/>'}, "encoding_unknown"),
    ("timeout", {"handler": lambda request, payload: (200, {}, slow_body())}, "timeout"),
    ("loop", {"status": 302, "headers": {"Location": "/loop"}}, "too_many_redirects"),
    ("html", {"body": b"<html><body>Not a feed</body></html>"}, "not_a_feed"),
]


@override_settings(SYNDICATION_FETCH_TIMEOUTS=(1, 1), SYNDICATION_FETCH_MAX_REDIRECTS=3)
@pytest.mark.parametrize(("name", "route", "code"), BAD_FEEDS)
def test_bad_feeds_are_recorded_as_their_own_error(server, school_a, index_a, name, route, code):
    path = "/loop" if name == "loop" else f"/{name}"
    server.routes[path] = None
    server.add(path, **route)
    feed = Feed.objects.create(site=school_a.site, name=name, url=server.url(path))
    Subscription.objects.create(site=school_a.site, news_index=index_a, feed=feed)
    good = make_feed(
        server, "/good", RSS20.format(base=base_of(server)).encode(), school_a, index_a
    )
    assert fetch_due_feeds() == 2  # one task each: the bad feed does not block the good one
    feed.refresh_from_db()
    good.refresh_from_db()
    assert feed.status == Feed.Status.ERROR and feed.error_code == code
    assert feed.error_message and feed.error_message != code  # in words
    assert feed.error_count == 1 and feed.next_fetch_at > timezone.now()
    assert good.status == Feed.Status.OK and good.items_last_fetch == 2


def test_50_mb_body_is_cut_while_streaming(server, school_a, index_a):
    def endless():
        chunk = b"<item>" + b"x" * (1024 * 1024 - 6)
        for _ in range(50):
            yield chunk

    feed = make_feed(
        server, "/big", b"", school_a, index_a, handler=lambda r, p: (200, {}, endless())
    )
    fetch_feed(feed.pk)
    feed.refresh_from_db()
    assert feed.error_code == "too_large"
    # The client stopped reading at the 10 MB cap: the server never got to send 50 MB.
    assert server.routes["/big"].bytes_sent < 30 * 1024 * 1024


def test_back_off_grows_with_each_error_in_a_row(server, school_a):
    server.add("/down", body=b"", status=503)
    feed = Feed.objects.create(site=school_a.site, name="down", url=server.url("/down"))
    delays = []
    for _ in range(3):
        fetch_feed(feed.pk)
        feed.refresh_from_db()
        delays.append(feed.next_fetch_at - feed.last_fetched_at)
    assert delays[0] < delays[1] < delays[2]
    assert fetch_due_feeds() == 0  # not due again before its back-off


def test_draft_subscription_lands_items_as_drafts(server, school_a, index_a):
    server.add("/rss", body=RSS20.format(base=base_of(server)).encode())
    feed = Feed.objects.create(site=school_a.site, name="drafts", url=server.url("/rss"))
    Subscription.objects.create(site=school_a.site, news_index=index_a, feed=feed, publish=False)
    fetch_feed(feed.pk)
    pages = NewsPage.objects.filter(source_url__startswith=server.url("/news/"))
    assert pages.count() == 2 and not pages.filter(live=True).exists()


def test_beat_pulls_due_feeds():
    from django.conf import settings

    from mektep.celery import app

    schedule = settings.CELERY_BEAT_SCHEDULE["syndication-fetch-due-feeds"]
    assert schedule["task"] in app.tasks
    assert app.tasks[schedule["task"]].acks_late


def test_internal_addresses_are_refused(server, settings, school_a):
    settings.SYNDICATION_ALLOW_PRIVATE_ADDRESSES = False
    server.add("/rss", body=b"<rss/>")
    feed = Feed.objects.create(site=school_a.site, name="internal", url=server.url("/rss"))
    fetch_feed(feed.pk)
    feed.refresh_from_db()
    assert feed.error_code == "forbidden_address"
    assert server.routes["/rss"].hits == 0


class WorkerKilled(Exception):
    """Stands for a worker dying: the transaction it was in never commits."""


def test_worker_killed_mid_import_loses_nothing_and_duplicates_nothing(
    server, monkeypatch, school_a, index_a
):
    from wagtail.models import Page

    from sites.syndication import importer

    feed = make_feed(server, "/rss", RSS20.format(base=base_of(server)).encode(), school_a, index_a)
    monkeypatch.setattr(importer, "LAND_BATCH", 1)
    record_deliveries = Delivery.objects.bulk_create
    batches = []

    def dies_in_second_batch(rows, *args, **kwargs):
        # The second batch's page is written; the worker dies before its Delivery is.
        batches.append(rows)
        if len(batches) == 2:
            raise WorkerKilled
        return record_deliveries(rows, *args, **kwargs)

    monkeypatch.setattr(Delivery.objects, "bulk_create", dies_in_second_batch)
    with pytest.raises(WorkerKilled):
        fetch_feed(feed.pk)
    landed = NewsPage.objects.child_of(index_a)
    assert FeedItem.objects.filter(feed=feed).count() == 2  # stored before landing
    assert landed.count() == Delivery.objects.count() == 1  # the first batch, nothing half-made
    assert not any(Page.find_problems())  # the page tree is consistent (paths, numchild)

    monkeypatch.setattr(Delivery.objects, "bulk_create", record_deliveries)
    fetch_feed(feed.pk)  # the message is redelivered (acks late)
    fetch_feed(feed.pk)
    assert landed.count() == Delivery.objects.count() == 2
    assert sorted(landed.values_list("source_url", flat=True)) == [
        server.url("/news/1"),
        server.url("/news/2"),
    ]
    index_a.refresh_from_db()
    assert index_a.numchild == 2 and not any(Page.find_problems())


def test_landed_items_are_served_and_listed(client, server, school_a, index_a):
    feed = make_feed(server, "/rss", RSS20.format(base=base_of(server)).encode(), school_a, index_a)
    fetch_feed(feed.pk)
    page = NewsPage.objects.get(source_url=server.url("/news/1"))
    response = client.get(page.url, HTTP_HOST="school-a.localhost")
    html = response.content.decode()
    assert response.status_code == 200 and "Жеңімпаздар" in html
    assert f'rel="canonical" href="{server.url("/news/1")}"' in html
    listing = client.get(index_a.url, HTTP_HOST="school-a.localhost").content.decode()
    assert "Олимпиада нәтижелері" in listing and page.relative_url(school_a.site) in listing
