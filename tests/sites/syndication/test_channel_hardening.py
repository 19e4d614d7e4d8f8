"""Issue 28 findings 3, 7 and 10: what leaves the platform in feeds and pages.

Before the fixes: a title with U+0008 made the RSS and Atom feeds answer 500; a plain-text
summary went out as Atom type="html" unescaped; the self link echoed the query string; the
page cache served a feed cached for another scheme/host; a school's feed carried its
imported copies (two schools subscribing to each other multiplied items); an imported item
without a link counted as original and rose to the district feed; a republished copy
carried two canonical tags and was listed in the sitemap."""

import re

from django.test import override_settings

import feedparser
import pytest

from sites.news.models import NewsPage
from sites.syndication.models import Feed, NewsEntry, Republication, Subscription
from sites.syndication.republish import republish
from sites.syndication.tasks import fetch_feed

from .conftest import publish_news, translate_news

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_control_character_in_a_stored_title_does_not_break_the_feed(
    client, school_a, index_a, fmt
):
    page = publish_news(index_a, "Жаңалық", summary="Қысқа")
    # A row stored before the save-time cleaning (or written around it).
    NewsEntry.objects.filter(page=page).update(title="Бас\x08қару", summary="a\x01b")
    response = client.get(f"/kk/feeds/news.{fmt}", HTTP_HOST=school_a.site.hostname)
    assert response.status_code == 200
    assert b"\x08" not in response.content and "Басқару" in response.content.decode()


def test_control_characters_are_removed_when_an_editor_saves(school_a, index_a):
    page = publish_news(index_a, "Тақырып\x08", summary="Қысқа\x1f мәтін")
    page.refresh_from_db()
    assert page.title == "Тақырып" and page.summary == "Қысқа мәтін"
    assert NewsEntry.objects.get(page=page).title == "Тақырып"


def test_plain_text_summary_arrives_as_text(client, school_a, index_a):
    publish_news(index_a, "Сынақ", summary="<b>probe</b> & co")
    host = school_a.site.hostname
    atom = feedparser.parse(client.get("/kk/feeds/news.atom", HTTP_HOST=host).content)
    rss = feedparser.parse(client.get("/kk/feeds/news.rss", HTTP_HOST=host).content)
    for parsed in (atom, rss):
        # A reader renders the summary as HTML: the tag must be text, not markup.
        assert parsed.entries[0].summary == "&lt;b&gt;probe&lt;/b&gt; &amp; co"


def test_self_link_does_not_echo_the_query(client, school_a, index_a):
    publish_news(index_a, "Жаңалық")
    host = school_a.site.hostname
    for fmt in ("rss", "atom", "json"):
        body = client.get(f"/kk/feeds/news.{fmt}?x=%22%3Eprobe", HTTP_HOST=host).content.decode()
        assert "probe" not in body and "x=" not in body


@override_settings(PAGE_CACHE_SECONDS=300)
def test_cached_feed_is_kept_per_scheme_and_host(client, school_a, index_a):
    publish_news(index_a, "Жаңалық")
    host = school_a.site.hostname
    plain = client.get("/kk/feeds/news.atom", HTTP_HOST=host).content.decode()
    secure = client.get("/kk/feeds/news.atom", HTTP_HOST=host, secure=True).content.decode()
    assert f'href="http://{host}/kk/feeds/news.atom"' in plain
    assert f'href="https://{host}/kk/feeds/news.atom"' in secure


def serve_feed_of(client, server, school, path):
    """Put a school's outbound RSS on the local server, as another site would fetch it."""
    body = client.get("/kk/feeds/news.rss", HTTP_HOST=school.site.hostname).content
    server.add(path, body=body, headers={"Content-Type": "application/rss+xml"})


def test_two_schools_subscribing_to_each_other_do_not_multiply(
    client, server, school_a, school_b, index_a, index_b
):
    for n in range(2):
        publish_news(index_a, f"A мектебі {n}")
        publish_news(index_b, f"B мектебі {n}")
    feed_of_a = Feed.objects.create(site=school_b.site, name="A", url=server.url("/a"))
    feed_of_b = Feed.objects.create(site=school_a.site, name="B", url=server.url("/b"))
    Subscription.objects.create(
        site=school_b.site, news_index=index_b, feed=feed_of_a, publish=True
    )
    Subscription.objects.create(
        site=school_a.site, news_index=index_a, feed=feed_of_b, publish=True
    )
    for _round in range(3):
        serve_feed_of(client, server, school_a, "/a")
        serve_feed_of(client, server, school_b, "/b")
        fetch_feed(feed_of_a.pk)
        fetch_feed(feed_of_b.pk)
    assert NewsPage.objects.count() == 8  # 4 originals, 4 copies: no more after 3 rounds
    titles = {
        entry.title
        for entry in feedparser.parse(
            client.get("/kk/feeds/news.rss", HTTP_HOST=school_a.site.hostname).content
        ).entries
    }
    assert titles == {"A мектебі 0", "A мектебі 1"}  # its copies of B are not passed on


def test_imported_item_without_link_stays_a_copy(
    client, server, school_a, index_a, district_portal
):
    server.add(
        "/nolink",
        body=(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>X</title>'
            "<item><title>Сілтемесіз жаңалық</title><description>Мәтін</description></item>"
            "</channel></rss>"
        ).encode(),
        headers={"Content-Type": "application/rss+xml"},
    )
    feed = Feed.objects.create(site=school_a.site, name="Сырттан", url=server.url("/nolink"))
    Subscription.objects.create(site=school_a.site, news_index=index_a, feed=feed, publish=True)
    fetch_feed(feed.pk)
    page = NewsPage.objects.get(title="Сілтемесіз жаңалық")
    assert page.live and not NewsEntry.objects.get(page=page).is_original
    # An editor publishing the landed page again does not promote it either.
    page.save_revision().publish()
    assert not NewsEntry.objects.get(page=page).is_original
    district = client.get("/kk/feeds/news.rss", HTTP_HOST=district_portal.site.hostname)
    assert "Сілтемесіз" not in district.content.decode()


def test_republished_copy_has_one_canonical_and_is_not_in_the_sitemap(
    client, school_a, school_b, index_a, index_b
):
    origin = publish_news(index_a, "Түпнұсқа")
    copy = republish(origin, index_b, mode=Republication.Mode.COPY)[0].copy.specific
    html = client.get(copy.get_url(), HTTP_HOST=school_b.site.hostname).content.decode()
    canonicals = re.findall(r'<link rel="canonical" href="([^"]+)"', html)
    assert canonicals == [origin.get_full_url()]
    sitemap = client.get("/sitemap.xml", HTTP_HOST=school_b.site.hostname).content.decode()
    assert copy.get_full_url() not in sitemap
    assert index_b.get_full_url() in sitemap


def test_javascript_source_link_is_never_written(client, school_a, index_a):
    page = publish_news(index_a, "Ескі жазба")
    NewsPage.objects.filter(pk=page.pk).update(
        source_url="javascript:alert(1)", source_name="Дереккөз"
    )
    html = client.get(page.get_url(), HTTP_HOST=school_a.site.hostname).content.decode()
    assert "javascript:" not in html and "Дереккөз" in html


def test_hreflang_only_for_existing_translations_same_set_as_the_sitemap(client, school_a, index_a):
    page = publish_news(index_a, "Екі тілде")
    translate_news(page, "ru", "На двух языках")
    host = school_a.site.hostname
    html = client.get(page.get_url(), HTTP_HOST=host).content.decode()
    head = set(re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html))
    assert head == {"kk", "ru", "x-default"}  # no "en": the item has no English version
    sitemap = client.get("/sitemap.xml", HTTP_HOST=host).content.decode()
    block = sitemap[sitemap.index(f"<loc>{page.get_full_url()}</loc>") :]
    block = block[: block.index("</url>")]
    assert set(re.findall(r'hreflang="([^"]+)"', block)) == head
