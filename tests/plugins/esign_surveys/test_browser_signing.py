"""Chromium answers a survey and signs it through the page's static JS against a fake
NCALayer websocket on 127.0.0.1:13579 that signs with the test PKI; without NCALayer the page
explains how to start it and the answer stays saved."""

import pytest

from plugins.esign_surveys.models import Response, Signature

from .conftest import IIN, cache_crl, enable, make_survey
from .fake_ncalayer import FakeNcaLayer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_a(school_a):
    enable(school_a.site)
    return school_a.site


@pytest.fixture
def signing_page(browser):
    # NCALayer's localhost certificate is trusted by its installer; the fake one's is
    # accepted by the context.
    context = browser.new_context(ignore_https_errors=True)
    yield context.new_page()
    context.close()


def answer_and_sign(page, live_server, survey, language="kk", expect="#esign-result"):
    port = live_server.url.rsplit(":", 1)[1]
    page.goto(f"http://{survey.site.hostname}:{port}/{language}/surveys/{survey.slug}/")
    page.check("input[name=q1][value=yes]")
    page.click("form.esign-survey-form button[type=submit]")
    page.wait_for_url("**/answer/**")
    page.click("#esign-sign-button")
    page.wait_for_selector(f"{expect}:not([hidden])", timeout=20000)
    return {
        "status": page.locator("#esign-signing").get_attribute("data-status"),
        "text": page.inner_text(expect),
    }


def test_signing_in_chromium(live_server, signing_page, site_a, rsa_pki, tmp_path):
    cache_crl(rsa_pki)
    signer = rsa_pki.issue_person(IIN)
    stamp_time = None  # the fake NCALayer stamps at the real time, after the challenge

    # 1. Current NCALayer: the basics module signs a detached CMS with a timestamp.
    survey = make_survey(site_a, "basics", signing="required")
    with FakeNcaLayer(signer, rsa_pki.tsa, stamp_time, tmp_path, mode="basics") as fake:
        seen = answer_and_sign(signing_page, live_server, survey)
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
        seen = answer_and_sign(signing_page, live_server, survey)
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
    seen = answer_and_sign(
        signing_page, live_server, survey, language="ru", expect="#ncalayer-missing"
    )
    assert "NCALayer не запущен" in seen["text"] and "pki.gov.kz" in seen["text"]
    response = Response.objects.get(survey=survey)
    assert response.state == Response.State.UNSIGNED and response.answers == {"q1": "yes"}


def test_a_malformed_signature_shows_the_message_and_can_be_retried(
    live_server, signing_page, site_a, rsa_pki, tmp_path
):
    """Issue 24: one changed digit of the certificate's notBefore made the server answer 500
    and the page show a raw "SyntaxError". Now the page shows the translated verdict, the
    sign button stays available and a second attempt signs."""
    cache_crl(rsa_pki)
    signer = rsa_pki.issue_person(IIN)
    field = signer.certificate["tbs_certificate"]["validity"]["not_before"].chosen.dump()

    def break_not_before(der):
        offset = der.index(field)
        return der[: offset + 4] + b"9" + der[offset + 5 :]

    survey = make_survey(site_a, "broken", signing="required")
    with FakeNcaLayer(signer, rsa_pki.tsa, None, tmp_path, transform=break_not_before):
        seen = answer_and_sign(signing_page, live_server, survey)
    assert seen["status"] == "malformed", seen
    assert "Қолтаңба оқылмады" in seen["text"] and "SyntaxError" not in seen["text"]
    assert signing_page.is_enabled("#esign-sign-button")
    response = Response.objects.get(survey=survey)
    assert response.state == Response.State.UNSIGNED
    with FakeNcaLayer(signer, rsa_pki.tsa, None, tmp_path):
        signing_page.click("#esign-sign-button")
        # A selector, not wait_for_function: the page's CSP forbids evaluating strings.
        signing_page.wait_for_selector("#esign-signing[data-status=valid]", timeout=20000)
    response.refresh_from_db()
    assert response.state == Response.State.SIGNED
