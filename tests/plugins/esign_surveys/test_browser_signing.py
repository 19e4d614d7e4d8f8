"""Chromium answers a survey and signs it through the page's static JS against a fake
NCALayer websocket on 127.0.0.1:13579 that signs with the test PKI; without NCALayer the page
explains how to start it and the answer stays saved."""

import os
import shutil
from datetime import timedelta

import pytest

from plugins.esign_surveys.models import Response, Signature

from .conftest import IIN, cache_crl, make_survey
from .fake_ncalayer import FakeNcaLayer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"chromium not found at {CHROMIUM}")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            # NCALayer's localhost certificate is trusted by its installer; the fake one's is
            # accepted this way.
            args=["--no-sandbox", "--disable-gpu", "--ignore-certificate-errors"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(ignore_https_errors=True)
    page = context.new_page()
    yield page
    context.close()


def _answer_in_browser(page, live_server, survey, language="kk"):
    port = live_server.url.rsplit(":", 1)[1]
    page.goto(f"http://{survey.site.hostname}:{port}/{language}/surveys/{survey.slug}/")
    page.check("input[name=q1][value=yes]")
    page.click("form.esign-survey-form button[type=submit]")
    page.wait_for_url("**/answer/**")
    return Response.objects.get(survey=survey)


def _sign_in_browser(page, live_server, survey, rsa_pki, tmp_path, mode):
    signer = rsa_pki.issue_person(IIN)
    with FakeNcaLayer(
        signer, rsa_pki.tsa, rsa_pki.now + timedelta(seconds=30), tmp_path, mode=mode
    ) as fake:
        response = _answer_in_browser(page, live_server, survey)
        page.click("#esign-sign-button")
        page.wait_for_selector("#esign-result:not([hidden])", timeout=20000)
        assert page.locator("#esign-signing").get_attribute("data-status") == "valid"
    response.refresh_from_db()
    assert response.state == Response.State.SIGNED
    return fake.requests, Signature.objects.get(response=response)


# One test function: the live server needs a transactional database, whose flush at the end
# would otherwise have to be undone between scenarios.
def test_signing_in_chromium(page, live_server, site_a, rsa_pki, tmp_path):
    cache_crl(rsa_pki)

    # 1. Current NCALayer: the basics module signs a detached CMS with a timestamp.
    survey = make_survey(site_a, "basics", signing="required")
    requests, signature = _sign_in_browser(page, live_server, survey, rsa_pki, tmp_path, "basics")
    assert [r["module"] for r in requests] == ["kz.gov.pki.knca.basics"]
    args = requests[0]["args"]
    assert args["format"] == "cms" and args["signingParams"]["encapsulate"] is False
    assert args["signingParams"]["tsaProfile"] == {}
    assert "1.3.6.1.5.5.7.3.4" in args["signerParams"]["extKeyUsageOids"]
    assert signature.api == "basics" and signature.received_format == "pem"

    # 2. An NCALayer without basics: the page falls back to commonUtils.createCAdESFromBase64.
    survey = make_survey(site_a, "legacy", signing="required")
    requests, signature = _sign_in_browser(page, live_server, survey, rsa_pki, tmp_path, "legacy")
    assert [r["module"] for r in requests] == [
        "kz.gov.pki.knca.basics",
        "kz.gov.pki.knca.commonUtils",
    ]
    assert signature.api == "commonUtils" and signature.received_format == "base64"

    # 3. No NCALayer running: the page explains (in Russian here) and the answer is kept.
    survey = make_survey(site_a, "offline", signing="required")
    response = _answer_in_browser(page, live_server, survey, language="ru")
    page.click("#esign-sign-button")
    page.wait_for_selector("#ncalayer-missing:not([hidden])", timeout=20000)
    text = page.inner_text("#ncalayer-missing")
    assert "NCALayer не запущен" in text and "pki.gov.kz" in text
    response.refresh_from_db()
    assert response.state == Response.State.UNSIGNED and response.answers == {"q1": "yes"}
