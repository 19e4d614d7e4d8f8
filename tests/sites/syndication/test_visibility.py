"""Restricted news never leaves its audience (issue 24, finding 4): one visibility rule
(schools.visibility) for every channel that carries news to people who are not signed in.

Each channel is checked with a news item restricted by login, by password and by groups,
the restriction being added after the item was published (what the probe did: the index
rows, feeds and caches were written while it was public) on the news section above it, and
with an item whose own page is restricted. Before the fix the feeds, the API, the portals,
the republish list and the fan-out carried the restricted items."""

import json
import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import PageViewRestriction

import feedparser
import pytest

from schools.visibility import is_publicly_visible, public_pages
from search.indexing import index_page
from sites.news.models import NewsIndexPage, NewsPage
from sites.syndication.admin_views import browsable_entries
from sites.syndication.models import Republication, Subscription, WebhookDelivery, WebhookEndpoint
from sites.syndication.tasks import syndicate_page

from .conftest import publish_news

pytestmark = pytest.mark.django_db

PUBLIC = "Ашық жаңалық"
IN_SECTION = "Жабық бөлімдегі жаңалық"
OWN = "Жабық жаңалық"
KINDS = ["login", "password", "groups"]


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type={
            "login": PageViewRestriction.LOGIN,
            "password": PageViewRestriction.PASSWORD,
            "groups": PageViewRestriction.GROUPS,
        }[kind],
        password="s3cret" if kind == "password" else "",
    )
    if kind == "groups":
        restriction.groups.add(Group.objects.get_or_create(name="Teachers only")[0])
    return restriction


@pytest.fixture
def news(school_a, index_a, district_portal, platform_portal):
    """One public item and, for each kind of restriction, two restricted ones published while
    public and restricted afterwards: one in a restricted section, one restricted itself."""
    home = school_a.site.root_page.specific
    public = publish_news(index_a, PUBLIC, summary="Бәріне")
    restricted = []
    for kind in KINDS:
        section = NewsIndexPage(title=f"Мұғалімдерге {kind}", slug=f"staff-{kind}")
        home.add_child(instance=section)
        section.save_revision().publish()
        in_section = NewsPage(title=f"{IN_SECTION} {kind}", slug=f"staff-{kind}-1", summary="Ішкі")
        section.add_child(instance=in_section)
        in_section.save_revision().publish()
        own = publish_news(index_a, f"{OWN} {kind}", summary="Құпия")
        restricted += [(section, in_section), (own, own)]
    for page in [public] + [item for _where, item in restricted]:
        index_page(page.pk)  # the site search, as the publish task does
    for number, (where, _item) in enumerate(restricted):
        restrict(where, KINDS[number // 2])
    for _where, item in restricted:
        index_page(item.pk)  # the restriction signal re-indexes the subtree the same way
    return {"public": public, "restricted": [item for _where, item in restricted]}


RESTRICTED_TITLES = [f"{title} {kind}" for kind in KINDS for title in (IN_SECTION, OWN)]


def titles_of_feed(client, host, fmt):
    response = client.get(f"/kk/feeds/news.{fmt}", HTTP_HOST=host)
    assert response.status_code == 200
    if fmt == "json":
        return {item["title"] for item in json.loads(response.content)["items"]}
    return {entry.title for entry in feedparser.parse(response.content).entries}


def channel_titles(channel, client, school_a, district_portal, platform_portal):
    school_host = school_a.site.hostname
    if channel in ("rss", "atom", "json"):
        return titles_of_feed(client, school_host, channel)
    if channel == "api":
        results = client.get("/api/news/?lang=kk", HTTP_HOST=school_host).json()["results"]
        return {item["title"] for item in results}
    if channel == "district_feed":
        return titles_of_feed(client, district_portal.site.hostname, "rss")
    if channel == "platform_feed":
        return titles_of_feed(client, platform_portal.site.hostname, "atom")
    if channel == "portal_page":
        html = client.get("/kk/schools-news/", HTTP_HOST=district_portal.site.hostname)
        text = html.content.decode()
        return {title for title in [PUBLIC, *RESTRICTED_TITLES] if title in text}
    if channel == "search":
        # The page repeats the query: a result is the item's link.
        found = set()
        for page in NewsPage.objects.all():
            response = client.get("/kk/search/", {"q": page.title}, HTTP_HOST=school_host)
            path = urlsplit(page.get_full_url()).path
            if f'href="{path}"' in response.content.decode():
                found.add(page.title)
        return found
    if channel == "sitemap":
        xml = client.get("/sitemap.xml", HTTP_HOST=school_host).content.decode()
        urls = set(re.findall(r"<loc>([^<]+)</loc>", xml))
        return {page.title for page in NewsPage.objects.all() if page.get_full_url() in urls}
    raise AssertionError(channel)


CHANNELS = [
    "rss",
    "atom",
    "json",
    "api",
    "district_feed",
    "platform_feed",
    "portal_page",
    "search",
    "sitemap",
]


@pytest.mark.parametrize("channel", CHANNELS)
def test_restricted_news_stays_out_of_every_public_channel(
    client, news, channel, school_a, district_portal, platform_portal
):
    """Login, password and group restrictions, on the item or on a section above it."""
    titles = channel_titles(channel, client, school_a, district_portal, platform_portal)
    assert PUBLIC in titles  # the channel works and carries the public item
    assert not titles & set(RESTRICTED_TITLES)


def test_restricted_news_is_not_fanned_out_pushed_or_offered(
    news, school_a, school_b, index_b, django_user_model, server
):
    """The news exchange: subscribers' copies, webhooks, and the admins' republish list."""
    Subscription.objects.create(site=school_b.site, news_index=index_b, source_site=school_a.site)
    hook = server.add("/hook", status=200)
    WebhookEndpoint.objects.create(site=school_a.site, url=server.url("/hook"))
    for page in news["restricted"]:
        syndicate_page(page.pk, f"{page.pk}:1")
    assert not Republication.objects.filter(origin__in=news["restricted"]).exists()
    assert not WebhookDelivery.objects.exists()
    # Someone of no school: the list offers every school's public originals.
    outsider = django_user_model.objects.create_user("outsider", password="x")
    offered = set(browsable_entries(outsider).values_list("title", flat=True))
    assert PUBLIC in offered
    assert not offered & set(RESTRICTED_TITLES)
    assert hook.hits == 0
    syndicate_page(news["public"].pk, f"{news['public'].pk}:1")
    assert Republication.objects.filter(origin=news["public"]).count() == 1
    assert hook.hits == 1  # the channel works: the public item is pushed


def test_copies_made_while_public_leave_the_air_when_the_origin_is_restricted(
    school_a, school_b, index_a, index_b
):
    Subscription.objects.create(
        site=school_b.site, news_index=index_b, source_site=school_a.site, publish=True
    )
    origin = publish_news(index_a, "Кейін жабылады")
    syndicate_page(origin.pk, f"{origin.pk}:1")
    copy = Republication.objects.get(origin=origin).copy
    assert copy.live
    restrict(origin, "login")
    copy.refresh_from_db()
    assert not copy.live


def test_one_rule_for_pages_expired_restricted_and_drafts(school_a, index_a):
    public = publish_news(index_a, "Ашық")
    expired = publish_news(index_a, "Мерзімі өткен")
    NewsPage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - timedelta(hours=1))
    expired.refresh_from_db()
    restricted = publish_news(index_a, "Жабық")
    restrict(restricted, "password")
    visible = set(public_pages(NewsPage.objects.all()).values_list("title", flat=True))
    assert visible == {"Ашық"}
    assert is_publicly_visible(public)
    assert not is_publicly_visible(expired) and not is_publicly_visible(restricted)
