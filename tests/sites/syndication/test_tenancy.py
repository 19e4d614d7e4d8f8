"""School A's admin never sees or changes school B's feeds, subscriptions or webhooks, cannot
republish into school B, and public views of site A never show site B's data."""

import pytest

from sites.news.models import NewsPage
from sites.syndication.models import Feed, Subscription, WebhookEndpoint

from .conftest import publish_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def b_objects(school_b, index_b):
    feed = Feed.objects.create(site=school_b.site, name="B secret feed", url="http://127.0.0.1:9/b")
    subscription = Subscription.objects.create(site=school_b.site, news_index=index_b, feed=feed)
    hook = WebhookEndpoint.objects.create(site=school_b.site, url="http://127.0.0.1:9/b-hook")
    return {
        "syndication_feeds": feed,
        "syndication_subscriptions": subscription,
        "syndication_webhooks": hook,
    }


@pytest.mark.parametrize(
    "name", ["syndication_feeds", "syndication_subscriptions", "syndication_webhooks"]
)
def test_admin_cannot_list_edit_or_delete_other_schools_objects(client, admin_a, b_objects, name):
    client.force_login(admin_a)
    obj = b_objects[name]
    listing = client.get(f"/admin/{name}/")
    assert listing.status_code == 200
    assert str(obj.pk) not in [
        a.split("/")[-2]
        for a in listing.content.decode().split('href="')
        if f"/admin/{name}/edit/" in a[:60]
    ]
    assert "B secret feed" not in listing.content.decode()
    assert "b-hook" not in listing.content.decode()
    assert client.get(f"/admin/{name}/edit/{obj.pk}/").status_code in (403, 404)
    assert client.post(f"/admin/{name}/delete/{obj.pk}/").status_code in (403, 404)
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_admin_sees_own_feed_with_its_status(client, admin_a, school_a):
    Feed.objects.create(
        site=school_a.site,
        name="Our feed",
        url="http://127.0.0.1:9/a",
        status=Feed.Status.ERROR,
        error_code="http_status",
        error_params={"status": "500"},
    )
    admin_a.preferred_language = "ru"
    admin_a.save()
    client.force_login(admin_a)
    listing = client.get("/admin/syndication_feeds/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Our feed" in listing
    assert "HTTP 500" in listing  # the error in words, not a code


def test_admin_cannot_create_platform_wide_or_foreign_feed(client, admin_a, school_b):
    client.force_login(admin_a)
    for site in ["", str(school_b.site.pk)]:
        client.post(
            "/admin/syndication_feeds/new/",
            {
                "site": site,
                "name": "Sneaky",
                "url": "http://127.0.0.1:9/x",
                "interval_minutes": 30,
                "is_active": "on",
            },
        )
    assert not Feed.objects.filter(name="Sneaky").exists()


def test_subscription_into_other_schools_section_is_refused(
    client, admin_a, school_a, school_b, index_a, index_b
):
    client.force_login(admin_a)
    client.post(
        "/admin/syndication_subscriptions/new/",
        {"site": school_a.site.pk, "news_index": index_b.pk, "source_site": school_b.site.pk},
    )
    assert not Subscription.objects.exists()
    client.post(
        "/admin/syndication_subscriptions/new/",
        {
            "site": school_a.site.pk,
            "news_index": index_a.pk,
            "source_site": school_b.site.pk,
            "publish": "on",
            "is_active": "on",
        },
    )
    assert Subscription.objects.filter(site=school_a.site, source_site=school_b.site).exists()


def test_browse_and_republish_only_into_own_site(
    client, admin_a, school_a, school_b, index_a, index_b
):
    own = publish_news(index_a, "Өз жаңалығымыз")
    other = publish_news(index_b, "Көрші мектеп жаңалығы")
    client.force_login(admin_a)
    page = client.get("/admin/news-exchange/browse/").content.decode()
    assert "Көрші мектеп жаңалығы" in page and "Өз жаңалығымыз" not in page
    filtered = client.get("/admin/news-exchange/browse/", {"q": "жоқ"}).content.decode()
    assert "Көрші мектеп жаңалығы" not in filtered

    # Into school B's own section: refused (not among the admin's targets).
    client.post(
        "/admin/news-exchange/republish/", {"page": own.pk, "target": index_b.pk, "mode": "linked"}
    )
    assert NewsPage.objects.child_of(index_b).count() == 1
    # Republishing one's own news is not offered either.
    client.post(
        "/admin/news-exchange/republish/", {"page": own.pk, "target": index_a.pk, "mode": "copy"}
    )
    assert NewsPage.objects.child_of(index_a).count() == 1
    client.post(
        "/admin/news-exchange/republish/",
        {"page": other.pk, "target": index_a.pk, "mode": "linked", "publish": "on"},
    )
    assert NewsPage.objects.child_of(index_a).count() == 2


def test_public_feeds_of_site_a_never_show_site_b(client, school_a, school_b, index_a, index_b):
    publish_news(index_b, "Тек Б")
    for path in ["/kk/feeds/news.rss", "/kk/feeds/news.atom", "/kk/feeds/news.json", "/api/news/"]:
        assert "Тек Б" not in client.get(path, HTTP_HOST="school-a.localhost").content.decode()
