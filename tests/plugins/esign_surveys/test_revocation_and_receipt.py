"""Revocation data comes from a Celery task (a local HTTP server stands in for NCA's CRL
endpoints), never from the request; re-verification uses today's data; the receipt is a PDF
sealed with PAdES by the organisation key and timestamped by the test TSA over HTTP."""

import io
from datetime import timedelta

import pytest
from asn1crypto import keys, tsp
from cryptography.hazmat.primitives import serialization

from plugins.esign_surveys.eds.testpki import RsaTestKey, issue_certificate, nca_subject
from plugins.esign_surveys.models import Receipt, Response, Signature
from tests.conftest import ADMIN_HOST

from .conftest import (
    IIN,
    answer,
    cache_crl,
    fresh_time,
    get_challenge,
    make_survey,
    post_cms,
    sign_with,
)

pytestmark = pytest.mark.django_db


def test_pending_signature_is_rechecked_by_the_task(
    client, site_a, rsa_pki, settings, local_server, django_capture_on_commit_callbacks
):
    crl = rsa_pki.crl()
    root_crl = rsa_pki.crl(rsa_pki.root)
    tsa_crl = rsa_pki.crl(rsa_pki.tsa_root)
    server = local_server(
        {
            ("GET", "/nca.crl"): lambda body: (200, "application/pkix-crl", crl),
            ("GET", "/root.crl"): lambda body: (200, "application/pkix-crl", root_crl),
            ("GET", "/tsa.crl"): lambda body: (200, "application/pkix-crl", tsa_crl),
        }
    )
    settings.ESIGN_SURVEYS_CRL_URLS = [
        f"{server.url}/nca.crl",
        f"{server.url}/root.crl",
        f"{server.url}/tsa.crl",
    ]
    survey = make_survey(site_a, signing="required")
    response = answer(client, survey)
    nonce, frozen = get_challenge(client, response)
    cms = sign_with(rsa_pki, rsa_pki.issue_person(IIN), frozen)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reply = post_cms(client, response, nonce, cms)
    assert reply.json()["status_code"] == "revocation_unknown"
    assert server.hits == []  # nothing was fetched on the request path
    response.refresh_from_db()
    assert response.state == Response.State.PENDING
    for callback in callbacks:  # the queued Celery task (eager in tests)
        callback()
    assert ("GET", "/nca.crl") in server.hits
    response.refresh_from_db()
    assert response.state == Response.State.SIGNED
    signature = Signature.objects.get(response=response)
    assert signature.status == "valid"
    assert list(signature.history.values_list("status", flat=True)) == [
        "revocation_unknown",
        "valid",
    ]


def test_task_fetches_ocsp_named_by_the_certificate(
    client, site_a, rsa_pki, local_server, django_capture_on_commit_callbacks
):
    """The signer's certificate names its OCSP responder (AIA); the task asks it (POST, off
    the request path) and the signature turns valid, or revoked, from that answer."""
    pki = rsa_pki
    cache_crl(pki, intermediate=False)  # the root's CRL only: the person needs OCSP
    people = {}
    server = local_server(
        {
            ("POST", "/ocsp"): lambda body: (
                200,
                "application/ocsp-response",
                pki.ocsp(
                    people["current"],
                    revoked_at=people.get("revoked_at"),
                    produced_at=fresh_time() + timedelta(minutes=1),
                ),
            )
        }
    )
    survey = make_survey(site_a, signing="required", multiple_answers=True)
    for revoked_at, expected in ((None, "valid"), (pki.now - timedelta(hours=1), "revoked")):
        person = pki.issue_person(IIN, ocsp_url=f"{server.url}/ocsp")
        people.update(current=person, revoked_at=revoked_at)
        response = answer(client, survey)
        nonce, frozen = get_challenge(client, response)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            reply = post_cms(client, response, nonce, sign_with(pki, person, frozen))
        assert reply.json()["status_code"] == "revocation_unknown"
        assert ("POST", "/ocsp") not in server.hits  # not on the request path
        for callback in callbacks:
            callback()
        signature = Signature.objects.get(response=response)
        assert signature.status == expected, signature.reason
        assert "ocsp" in {item["kind"] for item in signature.revocation}
        server.hits.clear()


def test_fetch_failure_leaves_signature_pending(client, site_a, rsa_pki, settings, local_server):
    from plugins.esign_surveys.tasks import refresh_revocation

    server = local_server({})
    settings.ESIGN_SURVEYS_CRL_URLS = [f"{server.url}/missing.crl"]
    survey = make_survey(site_a, signing="required")
    response = answer(client, survey)
    nonce, frozen = get_challenge(client, response)
    post_cms(client, response, nonce, sign_with(rsa_pki, rsa_pki.issue_person(IIN), frozen))
    outcome = refresh_revocation.apply().get()
    assert outcome["failures"] and "404" in outcome["failures"][0]
    assert Signature.objects.get(response=response).status == "revocation_unknown"


def test_reverify_action_uses_todays_revocation_data(client, site_a, admin_a, rsa_pki):
    cache_crl(rsa_pki)
    survey = make_survey(site_a, signing="required")
    response = answer(client, survey)
    person = rsa_pki.issue_person(IIN)
    nonce, frozen = get_challenge(client, response)
    assert post_cms(client, response, nonce, sign_with(rsa_pki, person, frozen)).json()["ok"]
    # Later the certificate is revoked (before the signing time: the key was compromised).
    cache_crl(rsa_pki, revoked=[(person.serial, rsa_pki.now - timedelta(days=2))])
    client.force_login(admin_a)
    reply = client.post(f"/admin/esign-surveys/{survey.pk}/reverify/", HTTP_HOST=ADMIN_HOST)
    assert reply.status_code == 302
    signature = Signature.objects.get(response=response)
    assert signature.status == "revoked"
    assert list(signature.history.values_list("status", flat=True)) == ["valid", "revoked"]
    response.refresh_from_db()
    assert response.state == Response.State.UNSIGNED


def _tsa_server(local_server, rsa_pki):
    from pyhanko.sign.timestamps import DummyTimeStamper

    tsa_key = keys.PrivateKeyInfo.load(
        rsa_pki.tsa.key.private_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    stamper = DummyTimeStamper(tsa_cert=rsa_pki.tsa.certificate, tsa_key=tsa_key)

    def answer_tsa(body):
        request = tsp.TimeStampReq.load(body)
        return 200, "application/timestamp-reply", stamper.request_tsa_response(request).dump()

    return local_server({("POST", "/tsa"): answer_tsa})


@pytest.fixture
def sealing(settings, tmp_path, rsa_pki, local_server):
    key = RsaTestKey()
    organisation = issue_certificate(
        nca_subject("MEKTEP PLATFORM", organization_name="Mektep", serial_number="BIN123456789021"),
        key,
        rsa_pki.intermediate,
        not_before=rsa_pki.now - timedelta(days=1),
        not_after=rsa_pki.now + timedelta(days=300),
        key_usage={"digital_signature", "non_repudiation"},
    )
    cert_path, key_path, chain_path = (
        tmp_path / "org.cer",
        tmp_path / "org.key",
        tmp_path / "chain.cer",
    )
    cert_path.write_bytes(organisation.der)
    chain_path.write_bytes(rsa_pki.intermediate.der)
    key_path.write_bytes(
        key.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    tsa = _tsa_server(local_server, rsa_pki)
    settings.ESIGN_SURVEYS_SEAL_CERTIFICATE = str(cert_path)
    settings.ESIGN_SURVEYS_SEAL_KEY = str(key_path)
    settings.ESIGN_SURVEYS_SEAL_CHAIN = [str(chain_path)]
    settings.ESIGN_SURVEYS_SEAL_TSA_URL = f"{tsa.url}/tsa"
    return {"organisation": organisation, "tsa": tsa}


def test_receipt_is_sealed_with_pades_and_timestamp(client, site_a, rsa_pki, sealing):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    cache_crl(rsa_pki)
    survey = make_survey(site_a, signing="optional")
    response = answer(client, survey)
    nonce, frozen = get_challenge(client, response)
    post_cms(client, response, nonce, sign_with(rsa_pki, rsa_pki.issue_person(IIN), frozen))
    reply = client.get(
        f"/ru/surveys/answer/{response.public_id}/receipt.pdf", HTTP_HOST="school-a.localhost"
    )
    assert reply.status_code == 200 and reply["Content-Type"] == "application/pdf"
    pdf = reply.content
    assert pdf.startswith(b"%PDF")
    assert ("POST", "/tsa") in sealing["tsa"].hits
    reader = PdfFileReader(io.BytesIO(pdf))
    (embedded,) = reader.embedded_signatures
    context = ValidationContext(
        trust_roots=[rsa_pki.root.certificate, rsa_pki.tsa_root.certificate],
        other_certs=[rsa_pki.intermediate.certificate],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    status = validate_pdf_signature(embedded, context)
    assert status.intact and status.valid
    assert status.signing_cert.sha256 == sealing["organisation"].certificate.sha256
    assert status.timestamp_validity is not None and status.timestamp_validity.intact
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    receipt = Receipt.objects.get(response=response)
    assert receipt.timestamped
    # Served from storage afterwards, not sealed again.
    stamps = sealing["tsa"].hits.count(("POST", "/tsa"))
    again = client.get(
        f"/ru/surveys/answer/{response.public_id}/receipt.pdf", HTTP_HOST="school-a.localhost"
    )
    assert again.content == pdf
    assert sealing["tsa"].hits.count(("POST", "/tsa")) == stamps


def test_receipt_without_seal_configuration_is_pending(client, site_a):
    survey = make_survey(site_a)
    response = answer(client, survey)
    reply = client.get(
        f"/kk/surveys/answer/{response.public_id}/receipt.pdf", HTTP_HOST="school-a.localhost"
    )
    assert reply.status_code == 202
