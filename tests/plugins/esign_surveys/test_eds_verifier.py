"""SignatureVerifier against an NCA-like test PKI (RSA and KZ GOST-2015) as NCALayer stand-in."""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta

import pytest
from asn1crypto import cms

from plugins.esign_surveys.eds import (
    ChainTooLongError,
    NoSignerError,
    NotDerOrPemError,
    SignatureStatus,
    SignatureTooLargeError,
    SignatureVerifier,
    VerificationPolicy,
    canonical_answer_bytes,
    parse_cms,
)
from plugins.esign_surveys.eds.testpki import (
    GostTestKey,
    LegacyGostTestKey,
    RsaTestKey,
    TestPki,
    issue_certificate,
    issue_crl,
    issue_timestamp_token,
    nca_subject,
    sign_cms,
)

IIN = "900101300014"
OTHER_IIN = "850505400123"
PAYLOAD = canonical_answer_bytes({"survey": 7, "answers": {"q1": "иә", "q2": [1, 3]}}, "nonce-1")


class Scenario:
    """One PKI with the end-entity certificates every test needs, built once per module."""

    def __init__(self, key_factory: type, label: str, tsa_pki: TestPki | None = None) -> None:
        self.pki = TestPki.create(key_factory, label=label)
        # One TSA for both families: NCA's TSA stamps RSA and GOST signatures alike.
        self.tsa_pki = tsa_pki or self.pki
        pki = self.pki
        self.signer = pki.issue_person(
            IIN, organizational_unit_name=f"BIN{'123456789021'}", organization_name="ТОО ТЕСТ"
        )
        self.auth = pki.issue_person(IIN, authentication=True)
        self.revoked_by_crl = pki.issue_person(IIN)
        self.revoked_by_ocsp = pki.issue_person(IIN)
        self.revoked_later = pki.issue_person(IIN)
        self.expired = pki.issue_person(
            IIN, not_before=pki.now - timedelta(days=400), not_after=pki.now - timedelta(days=35)
        )
        self.crl = pki.crl(
            revoked=[
                (self.revoked_by_crl.serial, pki.now - timedelta(days=1)),
                (self.revoked_later.serial, pki.now + timedelta(hours=2)),
            ]
        )
        self.root_crl = pki.crl(pki.root)
        self.tsa_crl = self.tsa_pki.crl(self.tsa_pki.tsa_root)
        self.policy = VerificationPolicy.build(
            trusted_root_sha256=[pki.root.sha256],
            certificates=[pki.root.der, pki.intermediate.der],
            trusted_tsa_root_sha256=[self.tsa_pki.tsa_root.sha256],
            tsa_certificates=[self.tsa_pki.tsa_root.der],
        )
        self.verifier = SignatureVerifier(self.policy)
        self.now = pki.now + timedelta(minutes=5)

    def sign(self, signer=None, payload: bytes = PAYLOAD, **options):  # type: ignore[no-untyped-def]
        options.setdefault("tsa", self.tsa_pki.tsa)
        options.setdefault("timestamp_time", self.pki.now)
        return sign_cms(payload, signer or self.signer, **options)

    def verify(self, cms_blob, payload: bytes | None = PAYLOAD, crls=None, **options):  # type: ignore[no-untyped-def]
        crls = [self.crl, self.root_crl] if crls is None else crls
        crls = [*crls, self.tsa_crl]  # the TSA's revocation is checked too
        options.setdefault("now", self.now)
        return self.verifier.verify(cms_blob, payload, crls=crls, **options)


@pytest.fixture(scope="module")
def rsa() -> Scenario:
    return Scenario(RsaTestKey, "RSA")


@pytest.fixture(scope="module")
def gost(rsa: Scenario) -> Scenario:
    return Scenario(GostTestKey, "GOST", tsa_pki=rsa.pki)


@pytest.fixture(scope="module", params=["rsa", "gost"])
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def foreign() -> TestPki:
    return TestPki.create(RsaTestKey, label="FOREIGN")


def test_valid_signature_reports_signer_and_evidence(scenario: Scenario) -> None:
    result = scenario.verify(scenario.sign())
    assert result.status is SignatureStatus.VALID, result.reason
    assert result.is_valid
    signer = result.signer
    assert signer is not None
    assert signer.iin == IIN
    assert signer.bin == "123456789021"
    assert signer.organisation == "ТОО ТЕСТ"
    assert signer.common_name == "ТЕСТОВ ТЕСТ"
    assert signer.patronymic == "ТЕСТОВИЧ"
    assert signer.certificate_serial == format(scenario.signer.serial, "x")
    assert "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ" in signer.issuer
    assert result.algorithm == signer.algorithm
    assert result.timestamp_time == scenario.pki.now
    assert result.validation_time == scenario.pki.now
    assert result.validated_at == scenario.now
    assert result.signed_bytes_sha256 == hashlib.sha256(PAYLOAD).hexdigest()
    assert result.received_format == "pem"
    # The CA's and the root's CRLs, then the TSA root's (the TSA's revocation is checked too).
    assert [e.kind for e in result.revocation_evidence] == ["crl", "crl", "crl"]
    assert result.revocation_evidence[-1].der == scenario.tsa_crl
    assert result.chain_sha256[-1] == scenario.pki.root.sha256


def test_algorithm_names(rsa: Scenario, gost: Scenario) -> None:
    assert rsa.verify(rsa.sign()).algorithm == "RSA"
    assert gost.verify(gost.sign()).algorithm == "GOST34.10-2015-512"


@pytest.mark.parametrize("output", ["base64", "der"])
def test_commonutils_base64_and_der_are_accepted(rsa: Scenario, output: str) -> None:
    result = rsa.verify(rsa.sign(output=output))
    assert result.status is SignatureStatus.VALID, result.reason
    assert result.received_format == output


def test_tampered_answer_is_invalid(scenario: Scenario) -> None:
    tampered = PAYLOAD.replace(b'"q1":"\xd0\xb8', b'"q1":"\xd0\xb9')
    assert tampered != PAYLOAD
    result = scenario.verify(scenario.sign(), tampered)
    assert result.status is SignatureStatus.INVALID_SIGNATURE
    assert "digest" in result.reason


def test_signature_over_other_bytes_is_invalid(scenario: Scenario) -> None:
    other = canonical_answer_bytes({"survey": 7, "answers": {"q1": "жоқ"}}, "nonce-2")
    result = scenario.verify(scenario.sign(payload=other))
    assert result.status is SignatureStatus.INVALID_SIGNATURE


def test_signature_without_signed_attributes(scenario: Scenario) -> None:
    assert scenario.verify(scenario.sign(signed_attributes=False)).is_valid
    result = scenario.verify(scenario.sign(signed_attributes=False), PAYLOAD + b" ")
    assert result.status is SignatureStatus.INVALID_SIGNATURE


def test_attached_cms(rsa: Scenario) -> None:
    attached = rsa.sign(detached=False)
    assert rsa.verify(attached).is_valid
    assert rsa.verify(attached, None).is_valid
    result = rsa.verify(attached, b"other bytes")
    assert result.status is SignatureStatus.INVALID_SIGNATURE


def test_detached_cms_needs_the_bytes(rsa: Scenario) -> None:
    assert rsa.verify(rsa.sign(), None).status is SignatureStatus.MALFORMED


def test_wrong_signer_iin(scenario: Scenario) -> None:
    result = scenario.verify(scenario.sign(), expected_iin=OTHER_IIN)
    assert result.status is SignatureStatus.IIN_MISMATCH
    assert scenario.verify(scenario.sign(), expected_iin=IIN).is_valid


def test_revoked_by_crl(scenario: Scenario) -> None:
    result = scenario.verify(scenario.sign(scenario.revoked_by_crl))
    assert result.status is SignatureStatus.REVOKED
    assert "CRL" in result.reason
    assert result.revocation_evidence[0].der == scenario.crl


def test_revoked_after_the_timestamp_is_still_valid(scenario: Scenario) -> None:
    assert scenario.verify(scenario.sign(scenario.revoked_later)).is_valid


def test_revoked_by_ocsp(scenario: Scenario) -> None:
    pki = scenario.pki
    person = scenario.revoked_by_ocsp
    response = pki.ocsp(person, revoked_at=pki.now - timedelta(hours=3))
    result = scenario.verify(
        scenario.sign(person), crls=[scenario.root_crl], ocsp_responses=[response]
    )
    assert result.status is SignatureStatus.REVOKED
    assert "OCSP" in result.reason
    assert result.revocation_evidence[0].kind == "ocsp"


def test_good_by_ocsp(scenario: Scenario) -> None:
    response = scenario.pki.ocsp(scenario.signer)
    result = scenario.verify(scenario.sign(), crls=[scenario.root_crl], ocsp_responses=[response])
    assert result.status is SignatureStatus.VALID, result.reason
    assert {e.kind for e in result.revocation_evidence} == {"ocsp", "crl"}


def test_ocsp_from_a_stranger_is_not_evidence(rsa: Scenario, foreign: TestPki) -> None:
    forged = foreign.ocsp(rsa.signer)
    result = rsa.verify(rsa.sign(), crls=[rsa.root_crl], ocsp_responses=[forged])
    assert result.status is SignatureStatus.REVOCATION_UNKNOWN


def test_validity_is_judged_at_the_timestamp_time(scenario: Scenario) -> None:
    """A certificate that expired after the trusted timestamp still vouches for the
    signature; a timestamp after its expiry does not."""
    pki = scenario.pki
    short = pki.issue_person(
        IIN, not_before=pki.now - timedelta(days=10), not_after=pki.now + timedelta(days=1)
    )
    later = pki.now + timedelta(days=60)
    result = scenario.verify(scenario.sign(short), now=later)
    assert result.is_valid, result.reason
    assert result.validation_time == pki.now
    too_late = scenario.sign(short, timestamp_time=pki.now + timedelta(days=2))
    outcome = scenario.verify(too_late, now=later)
    assert outcome.status is SignatureStatus.EXPIRED


def test_expired_certificate(scenario: Scenario) -> None:
    result = scenario.verify(scenario.sign(scenario.expired))
    assert result.status is SignatureStatus.EXPIRED
    assert "expired" in result.reason


def test_authentication_key_is_refused(scenario: Scenario) -> None:
    result = scenario.verify(scenario.sign(scenario.auth))
    assert result.status is SignatureStatus.WRONG_KEY_USAGE
    assert "authentication key" in result.reason


def test_unknown_root(rsa: Scenario, foreign: TestPki) -> None:
    stranger = foreign.issue_person(IIN)
    blob = rsa.sign(stranger, extra_certificates=[foreign.intermediate, foreign.root])
    result = rsa.verify(blob)
    assert result.status is SignatureStatus.UNTRUSTED_CHAIN
    assert "not a pinned trusted root" in result.reason


def test_same_names_but_other_key_is_untrusted(rsa: Scenario) -> None:
    # A look-alike CA with NCA's exact name (as FCALayer makes) must not pass.
    pki = rsa.pki
    fake_ca = issue_certificate(
        dict(pki.intermediate.certificate.subject.native),
        RsaTestKey(),
        not_before=pki.now - timedelta(days=1),
        not_after=pki.now + timedelta(days=9),
        ca=True,
    )
    impostor = pki.issue_person(IIN, issuer=fake_ca)
    result = rsa.verify(rsa.sign(impostor, extra_certificates=[fake_ca]))
    assert result.status is SignatureStatus.UNTRUSTED_CHAIN


def test_missing_revocation_data(scenario: Scenario) -> None:
    result = scenario.verify(scenario.sign(), crls=[])
    assert result.status is SignatureStatus.REVOCATION_UNKNOWN
    assert "no CRL or OCSP response" in result.reason
    only_root = scenario.verify(scenario.sign(), crls=[scenario.root_crl])
    assert only_root.status is SignatureStatus.REVOCATION_UNKNOWN


def test_stale_crl_is_not_evidence(rsa: Scenario) -> None:
    pki = rsa.pki
    stale = issue_crl(
        pki.intermediate,
        this_update=pki.now - timedelta(days=3),
        next_update=pki.now - timedelta(days=2),
    )
    result = rsa.verify(rsa.sign(), crls=[stale, rsa.root_crl])
    assert result.status is SignatureStatus.REVOCATION_UNKNOWN
    assert "stale" in result.reason


def test_crl_signed_by_another_key_is_not_evidence(rsa: Scenario, foreign: TestPki) -> None:
    pki = rsa.pki
    impostor_ca = issue_certificate(
        dict(pki.intermediate.certificate.subject.native),
        RsaTestKey(),
        not_before=pki.now - timedelta(days=1),
        not_after=pki.now + timedelta(days=9),
        ca=True,
    )
    forged = issue_crl(impostor_ca, this_update=pki.now, next_update=pki.now + timedelta(days=1))
    result = rsa.verify(rsa.sign(), crls=[forged, rsa.root_crl])
    assert result.status is SignatureStatus.REVOCATION_UNKNOWN
    assert "signature" in result.reason


def test_malformed_revocation_input_is_ignored_with_a_warning(rsa: Scenario) -> None:
    result = rsa.verify(rsa.sign(), crls=[b"junk", rsa.crl, rsa.root_crl])
    assert result.is_valid
    assert result.warnings


def test_legacy_gost_2004_is_unsupported(gost: Scenario) -> None:
    legacy = gost.pki.issue_person(IIN, key=LegacyGostTestKey())
    result = gost.verify(gost.sign(legacy))
    assert result.status is SignatureStatus.UNSUPPORTED_ALGORITHM
    assert result.signer is not None and result.signer.iin == IIN
    assert result.algorithm == "GOST34.310-2004"


def test_not_der_or_pem(rsa: Scenario) -> None:
    for junk in (b"hello, world", "-----BEGIN CMS-----\n!!!\n-----END CMS-----", b"\x30\x03abc"):
        result = rsa.verify(junk)
        assert result.status is SignatureStatus.MALFORMED
        assert "DER" in result.reason or "base64" in result.reason
    with pytest.raises(NotDerOrPemError):
        parse_cms(b"hello, world")


def test_ten_megabyte_blob(rsa: Scenario) -> None:
    blob = b"\x30" + b"\x00" * (10 * 1024 * 1024)
    result = rsa.verify(blob)
    assert result.status is SignatureStatus.MALFORMED
    assert "at most" in result.reason
    with pytest.raises(SignatureTooLargeError):
        parse_cms(base64.b64encode(blob))


def test_cms_without_signer(rsa: Scenario) -> None:
    content_info = cms.ContentInfo.load(rsa.sign(output="der"))
    content_info["content"]["signer_infos"] = []
    blob = cms.ContentInfo.load(content_info.dump()).dump()
    with pytest.raises(NoSignerError):
        parse_cms(blob)
    result = rsa.verify(blob)
    assert result.status is SignatureStatus.MALFORMED
    assert "no signer" in result.reason


def test_chain_longer_than_ten(rsa: Scenario) -> None:
    pki = rsa.pki
    ca_key = RsaTestKey()
    issuer = pki.root
    intermediates = []
    for depth in range(11):
        issuer = issue_certificate(
            nca_subject(f"DEEP CA {depth}"),
            ca_key,
            issuer,
            not_before=pki.now - timedelta(days=1),
            not_after=pki.now + timedelta(days=9),
            ca=True,
        )
        intermediates.append(issuer)
    deep_signer = pki.issue_person(IIN, issuer=issuer)
    blob = rsa.sign(deep_signer, extra_certificates=intermediates)
    result = rsa.verify(blob)
    assert result.status is SignatureStatus.UNTRUSTED_CHAIN
    assert "longer than 10" in result.reason
    with pytest.raises(ChainTooLongError):
        from plugins.esign_surveys.eds.chain import build_path

        build_path(
            deep_signer.certificate, rsa.policy.roots, [c.certificate for c in intermediates]
        )


def test_untrusted_tsa(rsa: Scenario, foreign: TestPki) -> None:
    result = rsa.verify(rsa.sign(tsa=foreign.tsa))
    assert result.status is SignatureStatus.UNTRUSTED_TSA
    assert "untrusted TSA" in result.reason
    assert result.signer is not None


def test_timestamp_over_another_signature_is_invalid(rsa: Scenario) -> None:
    token = issue_timestamp_token(rsa.pki.tsa, b"another signature", gen_time=rsa.pki.now)
    result = rsa.verify(rsa.sign(tsa=None), timestamp_token=token.dump())
    assert result.status is SignatureStatus.INVALID_TIMESTAMP


def test_separately_supplied_timestamp(rsa: Scenario) -> None:
    blob = rsa.sign(tsa=None)
    signature = parse_cms(blob).signature_value
    when = rsa.pki.now - timedelta(minutes=1)
    token = issue_timestamp_token(rsa.pki.tsa, signature, gen_time=when)
    result = rsa.verify(blob, timestamp_token=token.dump())
    assert result.is_valid, result.reason
    assert result.timestamp_time == when


def test_without_timestamp_checks_at_validation_time(rsa: Scenario) -> None:
    result = rsa.verify(rsa.sign(tsa=None))
    assert result.is_valid
    assert result.timestamp is None
    assert result.validation_time == rsa.now
    strict = SignatureVerifier(
        VerificationPolicy(rsa.policy.roots, rsa.policy.tsa_roots, require_timestamp=True)
    )
    outcome = strict.verify(rsa.sign(tsa=None), PAYLOAD, crls=[rsa.crl], now=rsa.now)
    assert outcome.status is SignatureStatus.TIMESTAMP_REQUIRED


def test_two_signers_are_refused(rsa: Scenario) -> None:
    content_info = cms.ContentInfo.load(rsa.sign(output="der"))
    signer_info = content_info["content"]["signer_infos"][0]
    content_info["content"]["signer_infos"] = [signer_info, signer_info]
    result = rsa.verify(cms.ContentInfo.load(content_info.dump()).dump())
    assert result.status is SignatureStatus.MALFORMED
