"""Chromium answers a survey and signs it through the page's static JS against a fake
NCALayer websocket on 127.0.0.1:13579 that signs with the test PKI; without NCALayer the page
explains how to start it and the answer stays saved."""

import os
import shutil
import threading
from datetime import timedelta

import pytest

from plugins.esign_surveys.models import Response, Signature

from .conftest import IIN, cache_crl, make_survey
from .fake_ncalayer import FakeNcaLayer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests run last and each flushes the database when it ends, data
    migrations' rows included; put back what provisioning a school needs (regions, Wagtail's
    locales, root page and root collection). serialized_rollback cannot do it: after another
    test's flush the content types it would restore exist again under other ids."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Collection, Locale, Page

    from schools.models import Region
    from schools.reference import load_regions

    ContentType.objects.clear_cache()  # the flush recreated content types under new ids
    load_regions(Region)
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if not Page.objects.filter(depth=1).exists():
        Page.objects.create(
            title="Root",
            slug="root",
            content_type=ContentType.objects.get_for_model(Page),
            path="0001",
            depth=1,
            numchild=0,
            url_path="/",
            locale=Locale.get_default(),
        )
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")


@pytest.fixture
def site_a(reference_data, school_a):
    from .conftest import enable

    enable(school_a.site)
    return school_a.site


def in_browser(steps):
    """Run `steps(page)` in Chromium on a thread of its own: another test module may hold a
    session-wide sync Playwright (and its event loop) on the main thread."""
    from playwright.sync_api import sync_playwright

    outcome = {}

    def run():
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    # NCALayer's localhost certificate is trusted by its installer; the fake
                    # one's is accepted this way.
                    args=["--no-sandbox", "--disable-gpu", "--ignore-certificate-errors"],
                )
                try:
                    context = browser.new_context(ignore_https_errors=True)
                    outcome["value"] = steps(context.new_page())
                finally:
                    browser.close()
        except BaseException as error:  # noqa: BLE001 - re-raised on the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(300)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def answer_and_sign(live_server, survey, language="kk", expect="#esign-result"):
    port = live_server.url.rsplit(":", 1)[1]
    url = f"http://{survey.site.hostname}:{port}/{language}/surveys/{survey.slug}/"

    def steps(page):
        page.goto(url)
        page.check("input[name=q1][value=yes]")
        page.click("form.esign-survey-form button[type=submit]")
        page.wait_for_url("**/answer/**")
        page.click("#esign-sign-button")
        page.wait_for_selector(f"{expect}:not([hidden])", timeout=20000)
        return {
            "status": page.locator("#esign-signing").get_attribute("data-status"),
            "text": page.inner_text(expect),
        }

    return in_browser(steps)


def test_signing_in_chromium(live_server, site_a, rsa_pki, tmp_path):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"chromium not found at {CHROMIUM}")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    cache_crl(rsa_pki)
    signer = rsa_pki.issue_person(IIN)
    stamp_time = rsa_pki.now + timedelta(seconds=30)

    # 1. Current NCALayer: the basics module signs a detached CMS with a timestamp.
    survey = make_survey(site_a, "basics", signing="required")
    with FakeNcaLayer(signer, rsa_pki.tsa, stamp_time, tmp_path, mode="basics") as fake:
        seen = answer_and_sign(live_server, survey)
    assert seen["status"] == "valid", seen
    assert [r["module"] for r in fake.requests] == ["kz.gov.pki.knca.basics"]
    args = fake.requests[0]["args"]
    assert args["format"] == "cms" and args["signingParams"]["encapsulate"] is False
    assert args["signingParams"]["tsaProfile"] == {}
    assert "1.3.6.1.5.5.7.3.4" in args["signerParams"]["extKeyUsageOids"]
    response = Response.objects.get(survey=survey)
    assert response.state == Response.State.SIGNED
    signature = Signature.objects.get(response=response)
    assert signature.api == "basics" and signature.received_format == "pem"

    # 2. An NCALayer without basics: the page falls back to commonUtils.createCAdESFromBase64.
    survey = make_survey(site_a, "legacy", signing="required")
    with FakeNcaLayer(signer, rsa_pki.tsa, stamp_time, tmp_path, mode="legacy") as fake:
        seen = answer_and_sign(live_server, survey)
    assert seen["status"] == "valid", seen
    assert [r["module"] for r in fake.requests] == [
        "kz.gov.pki.knca.basics",
        "kz.gov.pki.knca.commonUtils",
    ]
    signature = Signature.objects.get(response__survey=survey)
    assert signature.api == "commonUtils" and signature.received_format == "base64"
    assert signature.response.state == Response.State.SIGNED

    # 3. No NCALayer running: the page explains (in Russian here) and the answer is kept.
    survey = make_survey(site_a, "offline", signing="required")
    seen = answer_and_sign(live_server, survey, language="ru", expect="#ncalayer-missing")
    assert "NCALayer не запущен" in seen["text"] and "pki.gov.kz" in seen["text"]
    response = Response.objects.get(survey=survey)
    assert response.state == Response.State.UNSIGNED and response.answers == {"q1": "yes"}
