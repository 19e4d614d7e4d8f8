"""The signing flow end to end through the public endpoints: the server freezes canonical
bytes with a single-use nonce, the test PKI signs as NCALayer would, the server verifies and
keeps evidence; every failure keeps the answer, unsigned, with a clear reason."""

import base64
import hashlib
import json
from datetime import timedelta

import pytest

from plugins.esign_surveys.eds.testpki import (
    LegacyGostTestKey,
    RsaTestKey,
    TestPki,
    issue_certificate,
    nca_subject,
)
from plugins.esign_surveys.models import Response, Signature, SigningChallenge, Verification

from .conftest import (
    IIN,
    OTHER_IIN,
    answer,
    cache_crl,
    cache_ocsp,
    fresh_time,
    get_challenge,
    make_survey,
    post_cms,
    sign_with,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(site_a):
    return make_survey(site_a, signing="required")


@pytest.fixture(params=["rsa", "gost"])
def pki(request):
    return request.getfixturevalue(f"{request.param}_pki")


@pytest.fixture
def foreign():
    return TestPki.create(RsaTestKey, label="FOREIGN")


def sign_answer(client, response, pki, signer, payload=None, **options):
    nonce, frozen = get_challenge(client, response)
    cms = sign_with(pki, signer, frozen if payload is None else payload, **options)
    return nonce, frozen, post_cms(client, response, nonce, cms)


def test_valid_signature_is_recorded_with_evidence(client, survey, pki):
    cache_crl(pki)
    response = answer(client, survey)
    signer = pki.issue_person(IIN, organizational_unit_name="BIN123456789021")
    stamp = fresh_time() + timedelta(seconds=30)
    nonce, frozen, reply = sign_answer(client, response, pki, signer, timestamp_time=stamp)
    body = reply.json()
    assert body["ok"] and body["status_code"] == "valid", body
    response.refresh_from_db()
    assert response.state == Response.State.SIGNED
    signature = Signature.objects.get(response=response)
    # What was signed: the canonical bytes the server froze, with the nonce inside.
    document = json.loads(frozen)
    assert document["nonce"] == nonce
    assert document["answers"] == {"q1": "yes"}
    assert document["response"] == str(response.public_id)
    assert bytes(signature.signed_bytes) == frozen
    assert signature.signed_bytes_sha256 == hashlib.sha256(frozen).hexdigest()
    # The CMS as received and as DER, the signer, the certificate, time and revocation.
    assert bytes(signature.cms_received).startswith(b"-----BEGIN CMS-----")
    assert signature.cms_der and bytes(signature.cms_der)[:1] == b"\x30"
    assert signature.received_format == "pem" and signature.api == "basics"
    assert signature.signer_iin == IIN
    assert signature.signer_bin == "123456789021"
    assert signature.signer_name == "ТЕСТОВ ТЕСТ"
    assert signature.certificate_serial == format(signer.serial, "x")
    assert "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ" in signature.certificate_issuer
    assert signature.algorithm == ("RSA" if pki.label == "RSA" else "GOST34.10-2015-512")
    assert signature.timestamp_time == stamp
    assert signature.timestamp_token
    assert signature.validation_time == signature.timestamp_time
    assert signature.validated_at is not None
    # The signer's CA's and the root's CRLs, then the TSA root's (the TSA is checked too).
    assert [item["kind"] for item in signature.revocation] == ["crl", "crl", "crl"]
    assert signature.evidence.count() == 3
    assert Verification.objects.filter(signature=signature, status="valid").count() == 1
    page = client.get(f"/ru/surveys/answer/{response.public_id}/", HTTP_HOST="school-a.localhost")
    assert "Подпись действительна" in page.content.decode() or page.status_code == 200


def test_replayed_nonce_is_refused(client, survey, rsa_pki):
    cache_crl(rsa_pki)
    response = answer(client, survey)
    signer = rsa_pki.issue_person(IIN)
    nonce, frozen, reply = sign_answer(client, response, rsa_pki, signer)
    assert reply.json()["ok"]
    again = post_cms(client, response, nonce, sign_with(rsa_pki, signer, frozen))
    assert again.status_code == 400
    assert again.json()["status_code"] == "replayed"
    assert Signature.objects.filter(response=response).count() == 1


def test_expired_challenge_is_refused(client, survey, rsa_pki):
    response = answer(client, survey)
    nonce, frozen = get_challenge(client, response)
    SigningChallenge.objects.filter(nonce=nonce).update(expires_at=rsa_pki.now - timedelta(days=1))
    reply = post_cms(client, response, nonce, sign_with(rsa_pki, rsa_pki.issue_person(IIN), frozen))
    assert reply.json()["status_code"] == "expired_challenge"


def test_nonce_of_another_answer_is_refused(client, survey, rsa_pki):
    first, second = (
        answer(client, survey),
        answer(client, make_survey(survey.site, "other", signing="optional")),
    )
    nonce, frozen = get_challenge(client, first)
    reply = post_cms(client, second, nonce, sign_with(rsa_pki, rsa_pki.issue_person(IIN), frozen))
    assert reply.json()["status_code"] == "replayed"


@pytest.mark.parametrize(
    "case, status",
    [
        ("tampered", "invalid_signature"),
        ("revoked_crl", "revoked"),
        ("revoked_ocsp", "revoked"),
        ("expired", "expired"),
        ("auth_key", "wrong_key_usage"),
        ("unknown_root", "untrusted_chain"),
        ("legacy_gost", "unsupported_algorithm"),
        ("untrusted_tsa", "untrusted_tsa"),
        ("chain_too_long", "untrusted_chain"),
        ("not_cms", "malformed"),
        ("not_der_or_pem", "malformed"),
        ("other_bytes", "invalid_signature"),
    ],
)
def test_bad_signatures_keep_the_answer_unsigned(client, survey, pki, foreign, case, status):
    response = answer(client, survey)
    nonce, frozen = get_challenge(client, response)
    person = pki.issue_person(IIN)
    extra = {}
    if case == "tampered":
        cms = sign_with(pki, person, frozen.replace(b'"yes"', b'"no"'))
    elif case == "revoked_crl":
        cache_crl(pki, revoked=[(person.serial, pki.now - timedelta(days=1))])
        cms = sign_with(pki, person, frozen)
    elif case == "revoked_ocsp":
        cache_crl(pki, intermediate=False)
        cache_ocsp(pki, person, revoked_at=pki.now - timedelta(hours=3))
        cms = sign_with(pki, person, frozen)
    elif case == "expired":
        old = pki.issue_person(
            IIN, not_before=pki.now - timedelta(days=400), not_after=pki.now - timedelta(days=35)
        )
        cms = sign_with(pki, old, frozen)
    elif case == "auth_key":
        cms = sign_with(pki, pki.issue_person(IIN, authentication=True), frozen)
    elif case == "unknown_root":
        stranger = foreign.issue_person(IIN)
        cms = sign_with(
            foreign,
            stranger,
            frozen,
            tsa=pki.tsa,
            extra_certificates=[foreign.intermediate, foreign.root],
        )
    elif case == "legacy_gost":
        cms = sign_with(pki, pki.issue_person(IIN, key=LegacyGostTestKey()), frozen)
    elif case == "untrusted_tsa":
        cms = sign_with(pki, person, frozen, tsa=foreign.tsa)
    elif case == "chain_too_long":
        issuer, intermediates, key = pki.root, [], pki.key_factory()
        for depth in range(11):
            issuer = issue_certificate(
                nca_subject(f"DEEP CA {depth}"),
                key,
                issuer,
                not_before=pki.now - timedelta(days=1),
                not_after=pki.now + timedelta(days=9),
                ca=True,
            )
            intermediates.append(issuer)
        deep = pki.issue_person(IIN, issuer=issuer)
        cms = sign_with(pki, deep, frozen, extra_certificates=intermediates)
    elif case == "not_cms":
        cms = "-----BEGIN CMS-----\nthis is not base64!\n-----END CMS-----"
    elif case == "not_der_or_pem":
        cms = "Тек мәтін, not a signature at all"
    elif case == "other_bytes":
        # A genuine signature by a trusted key, but over another answer's frozen bytes.
        other = answer(client, make_survey(survey.site, "other", signing="optional"))
        _other_nonce, other_frozen = get_challenge(client, other)
        cms = sign_with(pki, person, other_frozen)
    if case not in ("revoked_crl", "revoked_ocsp"):
        cache_crl(pki)
    reply = post_cms(client, response, nonce, cms, **extra)
    body = reply.json()
    assert body["ok"] is False
    assert body["status_code"] == status, body
    assert body["message"] and body["detail"]
    response.refresh_from_db()
    assert response.state == Response.State.UNSIGNED
    assert response.answers == {"q1": "yes"}  # the answer is kept
    signature = Signature.objects.get(response=response)
    assert signature.status == status and signature.reason
    if case == "legacy_gost":
        assert signature.algorithm == "GOST34.310-2004"
        assert signature.signer_iin == IIN


def test_wrong_signer_iin(client, site_a, rsa_pki):
    from accounts.factories import UserFactory

    cache_crl(rsa_pki)
    user = UserFactory(email="parent@example.kz", iin=OTHER_IIN)
    client.force_login(user)
    survey = make_survey(site_a, signing="required", require_iin_match=True, audience="registered")
    response = answer(client, survey)
    _nonce, _frozen, reply = sign_answer(client, response, rsa_pki, rsa_pki.issue_person(IIN))
    assert reply.json()["status_code"] == "iin_mismatch"
    signature = Signature.objects.get(response=response)
    assert signature.iin_matches is False
    # The right person's key passes.
    _nonce, _frozen, reply = sign_answer(client, response, rsa_pki, rsa_pki.issue_person(OTHER_IIN))
    assert reply.json()["status_code"] == "valid"
    assert Signature.objects.filter(response=response, iin_matches=True).count() == 1


def test_ten_megabyte_blob_is_refused_and_answer_kept(client, survey):
    response = answer(client, survey)
    nonce, _frozen = get_challenge(client, response)
    blob = base64.b64encode(b"\x30" * (10 * 1024 * 1024)).decode()
    reply = post_cms(client, response, nonce, blob)
    assert reply.status_code == 413
    assert reply.json()["status_code"] == "too_large"
    response.refresh_from_db()
    assert response.state == Response.State.UNSIGNED and response.answers == {"q1": "yes"}


def test_missing_revocation_data_is_pending(client, survey, pki):
    response = answer(client, survey)  # nothing in the revocation cache, no URLs configured
    _nonce, _frozen, reply = sign_answer(client, response, pki, pki.issue_person(IIN))
    body = reply.json()
    # Not "ok": a signature whose revocation is unknown is not signed yet (NCA's rule).
    assert body["status_code"] == "revocation_unknown" and body["ok"] is False
    assert body["pending"] is True
    response.refresh_from_db()
    assert response.state == Response.State.PENDING


def test_signing_off_has_no_endpoints(client, site_a):
    survey = make_survey(site_a, signing="off")
    response = answer(client, survey)
    reply = client.post(
        f"/kk/surveys/answer/{response.public_id}/challenge/", HTTP_HOST="school-a.localhost"
    )
    assert reply.status_code == 404


def test_signing_page_allows_ncalayer_in_csp(client, survey):
    response = answer(client, survey)
    page = client.get(f"/kk/surveys/answer/{response.public_id}/", HTTP_HOST="school-a.localhost")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="ncalayer-missing"' in html and "esign_surveys/js/sign.js" in html
    assert "<script>" not in html and "onclick" not in html
    policy = page.get("Content-Security-Policy", "")
    assert "wss://127.0.0.1:13579" in policy
