"""Outbound RSS 2.0 / Atom / JSON Feed per site and language, the read API, and webhooks."""

import hashlib
import hmac
import json

import feedparser
import pytest

from sites.syndication.models import WebhookDelivery, WebhookEndpoint

from .conftest import publish_news, translate_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(school_a, school_b, index_a, index_b):
    first = publish_news(index_a, "Бірінші <жаңалық>", summary="Қысқаша")
    translate_news(first, "ru", "Первая новость")
    publish_news(index_b, "Басқа мектеп")
    return first


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_rss_and_atom_per_site_and_language(client, news, fmt):
    response = client.get(f"/kk/feeds/news.{fmt}", HTTP_HOST="school-a.localhost")
    parsed = feedparser.parse(response.content)
    assert parsed.version.startswith(fmt)
    titles = [entry.title for entry in parsed.entries]
    assert titles == ["Бірінші <жаңалық>"]  # not school B's news, not the ru version
    assert parsed.entries[0].link.startswith("http://school-a.localhost/kk/news/")
    ru = feedparser.parse(
        client.get(f"/ru/feeds/news.{fmt}", HTTP_HOST="school-a.localhost").content
    )
    assert [entry.title for entry in ru.entries] == ["Первая новость"]


def test_json_feed(client, news):
    response = client.get("/kk/feeds/news.json", HTTP_HOST="school-a.localhost")
    assert response["Content-Type"].startswith("application/feed+json")
    document = json.loads(response.content)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert [item["title"] for item in document["items"]] == ["Бірінші <жаңалық>"]


def test_portal_feed_carries_its_schools(client, news, district_portal):
    parsed = feedparser.parse(
        client.get("/kk/feeds/news.rss", HTTP_HOST="district.localhost").content
    )
    assert {entry.title for entry in parsed.entries} == {"Бірінші <жаңалық>", "Басқа мектеп"}


def test_read_api_pages_and_modified_since(client, school_a, index_a):
    pages = [publish_news(index_a, f"Жаңалық {n}") for n in range(5)]
    first = client.get("/api/news/?page_size=2&lang=kk", HTTP_HOST="school-a.localhost").json()
    assert first["count"] == 5 and len(first["results"]) == 2 and first["next"]
    second = client.get(
        first["next"].replace("http://school-a.localhost", ""), HTTP_HOST="school-a.localhost"
    ).json()
    assert [r["id"] for r in first["results"] + second["results"]] == [p.pk for p in pages[:4]]
    since = first["results"][-1]["modified_at"]
    newer = client.get(
        "/api/news/", {"modified_since": since}, HTTP_HOST="school-a.localhost"
    ).json()
    assert [r["id"] for r in newer["results"]] == [p.pk for p in pages[2:]]


@pytest.mark.parametrize(
    "query", ["modified_since=yesterday", "page=0", "page_size=abc", "lang=xx", "page=99"]
)
def test_read_api_explains_bad_parameters(client, school_a, query):
    response = client.get(
        f"/api/news/?{query}", HTTP_HOST="school-a.localhost", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 400 and response.json()["error"]


@pytest.fixture
def eager_retries():
    """Celery runs the retry of an eager task inline (apply() again with retries + 1), but
    only when the eager task does not propagate its exception: with the test settings'
    CELERY_TASK_EAGER_PROPAGATES the first Retry would end the test. Switched off here so
    that the task's retry path really runs; the tests check its outcome themselves."""
    from mektep.celery import app

    before = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = before


def test_webhook_is_signed_retried_and_sent_once(
    django_capture_on_commit_callbacks, eager_retries, server, school_a, index_a
):
    endpoint = WebhookEndpoint.objects.create(site=school_a.site, url=server.url("/hook"))
    answers = iter([500, 502, 204])

    def receive(request, payload):
        expected = (
            "sha256=" + hmac.new(endpoint.secret.encode(), payload, hashlib.sha256).hexdigest()
        )
        assert hmac.compare_digest(request.headers["X-Mektep-Signature"], expected)
        return next(answers), {}, b""

    server.add("/hook", handler=receive)
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_news(index_a, "Вебхук")
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.status == WebhookDelivery.Status.DELIVERED and delivery.attempts == 3
    requests = server.routes["/hook"].requests
    # Three tries of one delivery: the receiver can drop repeats by X-Mektep-Delivery.
    assert len({headers["X-Mektep-Delivery"] for headers, _body in requests}) == 1
    body = json.loads(requests[-1][1])
    assert body["title"] == "Вебхук" and body["id"] == page.pk

    from sites.syndication.tasks import syndicate_page

    syndicate_page(page.pk, delivery.event_key)  # a redelivered task message
    assert server.routes["/hook"].hits == 3
    assert WebhookDelivery.objects.count() == 1


def test_webhook_gives_up_after_its_retries(
    django_capture_on_commit_callbacks, eager_retries, server, school_a, index_a
):
    from sites.syndication.tasks import deliver_webhook

    endpoint = WebhookEndpoint.objects.create(site=school_a.site, url=server.url("/down"))
    server.add("/down", status=503)
    with django_capture_on_commit_callbacks(execute=True):
        publish_news(index_a, "Жетпейтін")
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    tries = 1 + deliver_webhook.max_retries
    assert server.routes["/down"].hits == delivery.attempts == tries
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.last_error == "HTTP 503"


def test_bad_signature_is_detectable(server, school_a):
    from sites.syndication.webhooks import sign

    assert sign("secret", b"{}") != sign("other", b"{}")
