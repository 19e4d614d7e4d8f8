"""Chromium votes in a poll through a real content page served from the anonymous page
cache: with JavaScript the script fetches a fresh CSRF token and posts the vote; without it
the form leads to the vote page, whose fresh form casts the vote."""

import pytest

from plugins.esign_surveys.models import Response

from .conftest import enable, poll, poll_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_url(live_server, school_a):
    enable(school_a.site)
    survey = poll(school_a.site)
    poll_page(school_a.site, survey)
    port = live_server.url.rsplit(":", 1)[1]
    return survey, f"http://{school_a.site.hostname}:{port}/kk/canteen/"


def test_vote_with_javascript(browser, page_url):
    survey, url = page_url
    for visitor, choice in enumerate(("yes", "no"), start=1):
        context = browser.new_context()
        page = context.new_page()
        try:
            page.goto(url)
            assert not [c for c in context.cookies() if c["name"] == "csrftoken"]
            page.check(f".esign-poll-form input[value={choice}]")
            page.click(".esign-poll-form button[type=submit]")
            page.wait_for_selector(".esign-poll-message:not([hidden])", timeout=20000)
            assert page.locator(".esign-poll-form").is_hidden()
            total = page.locator(".esign-poll-total .total").inner_text()
            assert total == str(visitor)
            assert [c for c in context.cookies() if c["name"] == "csrftoken"]
        finally:
            context.close()
    answers = sorted(r.answers["choice"] for r in Response.objects.filter(survey=survey))
    assert answers == ["no", "yes"]


def test_vote_without_javascript(browser, page_url):
    survey, url = page_url
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(url)
        page.check(".esign-poll-form input[value=no]")
        page.click(".esign-poll-form button[type=submit]")
        page.wait_for_url("**/surveys/lunch/vote/?**")
        assert page.is_checked(".esign-poll-vote-form input[value=no]")
        page.click(".esign-poll-vote-form button[type=submit]")
        page.wait_for_url("**voted=1**")
        assert page.locator(".esign-poll-thanks").count() == 1
        page.click("a[href='/kk/canteen/']")
        page.wait_for_url(url)
    finally:
        context.close()
    assert Response.objects.get(survey=survey).answers == {"choice": "no"}
