"""In Chromium: a page view, served fresh or from the anonymous page cache, reaches the
counter through the static beacon, with the referrer's host and the page's language."""

import pytest

from sites.stats.models import PageHit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_views_are_counted_from_cached_pages_too(live_server, browser, school_a):
    port = live_server.url.rsplit(":", 1)[1]
    url = f"http://school-a.localhost:{port}/ru/"
    # Headless Chromium says so in its user agent, and the counter skips headless browsers
    # as robots; a person's browser does not.
    context = browser.new_context(
        user_agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
    )
    page = context.new_page()
    page.goto(url, referer="https://www.google.kz/search?q=mektep")
    page.wait_for_function("document.readyState === 'complete'")
    page.goto(url)  # the second view comes from the page cache
    for _ in range(50):
        if PageHit.objects.count() >= 2:
            break
        page.wait_for_timeout(100)
    context.close()
    hits = list(PageHit.objects.order_by("pk"))
    assert len(hits) == 2
    assert {(hit.path, hit.language) for hit in hits} == {("/ru/", "ru")}
    assert hits[0].referrer_host == "google.kz"
    assert hits[1].referrer_host == ""
    assert hits[0].visitor == hits[1].visitor  # the same browser, the same day
