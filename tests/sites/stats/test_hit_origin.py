"""Issue 24, finding 5: `/stats/hit` counted hits posted from other sites' pages (before the
fix every one of these cross-origin hits answered 204 and was stored). A hit counts only
when the browser says it comes from a page of the same host; the real beacon in Chromium
still counts (tests/sites/stats/test_browser.py)."""

import json

import pytest

from sites.stats.models import PageHit

pytestmark = pytest.mark.django_db

HOST = "school-a.localhost"


def hit(client, **headers):
    return client.post(
        "/stats/hit",
        data=json.dumps({"path": "/kk/", "lang": "kk"}),
        content_type="application/json",
        HTTP_HOST=HOST,
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36",
        **headers,
    )


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "http://school-b.localhost"},
        {"HTTP_ORIGIN": "null"},  # sandboxed frames, data: URLs
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": f"http://{HOST}"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},  # a sibling subdomain
        {"HTTP_REFERER": "https://evil.example/page"},
    ],
)
def test_hits_from_other_sites_are_refused(client, school_a, headers):
    response = hit(client, **headers)
    assert response.status_code == 403
    assert not PageHit.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": f"http://{HOST}", "HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_REFERER": f"http://{HOST}/kk/about/"},
        {},  # no browser page at all (nothing a visitor's browser can be made to send)
    ],
)
def test_hits_from_the_sites_own_pages_count(client, school_a, headers):
    assert hit(client, **headers).status_code == 204
    assert PageHit.objects.get().site == school_a.site
