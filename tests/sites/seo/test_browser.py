"""In Chromium: the banner asks first, analytics load only after "accept", the choice is
remembered, and "decline" loads nothing. Outside requests are answered by Playwright, so
nothing leaves the machine."""

import pytest

from sites.seo.models import SeoSettings

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OUTSIDE = ("googletagmanager.com", "mc.yandex.ru")


def school_url(live_server, school, path="/kk/"):
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://{school.site.hostname}:{port}{path}"


def open_page(browser, requested):
    context = browser.new_context()
    page = context.new_page()

    def answer(route):
        url = route.request.url
        if any(host in url for host in OUTSIDE):
            requested.append(url)
            route.fulfill(status=200, content_type="application/javascript", body="")
        elif url.startswith("http://school-a.localhost"):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", answer)
    return context, page


def test_consent_then_analytics(live_server, browser, school_a):
    settings = SeoSettings.for_site(school_a.site)
    settings.ga4_id, settings.yandex_metrika_id = "G-ABC123XYZ", "98765432"
    settings.save()
    url = school_url(live_server, school_a)

    requested = []
    context, page = open_page(browser, requested)
    page.goto(url)
    banner = page.locator("#mektep-consent")
    banner.wait_for(state="visible")
    assert "Аналитикаға келісемін" in banner.inner_text()
    page.wait_for_timeout(300)
    assert requested == []
    page.click("#mektep-consent [data-consent=accepted]")
    page.wait_for_function("window.ym !== undefined && window.dataLayer.length > 0")
    page.wait_for_timeout(300)
    assert any("gtag/js?id=G-ABC123XYZ" in url for url in requested)
    assert any("mc.yandex.ru/metrika/tag.js" in url for url in requested)
    assert banner.is_hidden()
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    assert cookies["mektep_consent"] == "accepted"
    # Remembered: the next page loads them straight away, without asking.
    requested.clear()
    page.goto(url)
    page.wait_for_function("window.ym !== undefined")
    assert banner.is_hidden()
    assert page.locator("#mektep-consent-reopen").is_visible()
    context.close()

    declined = []
    context, page = open_page(browser, declined)
    page.goto(url)
    page.click("#mektep-consent [data-consent=declined]")
    page.goto(url)
    page.wait_for_timeout(500)
    assert declined == []
    assert page.locator("#mektep-consent").is_hidden()
    assert page.evaluate("typeof window.ym") == "undefined"
    context.close()
