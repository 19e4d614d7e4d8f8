"""Issue 24, signatures, in the library: whatever the bytes, a verdict and never an exception
(fuzzed CMS and certificates); a timestamp older than the signing challenge is refused; the
TSA's own certificate is checked for revocation like the signer's."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from plugins.esign_surveys.eds import (
    SignatureStatus,
    SignatureVerifier,
    VerificationPolicy,
    VerificationResult,
    canonical_answer_bytes,
)
from plugins.esign_surveys.eds.testpki import RsaTestKey, TestPki, sign_cms

IIN = "900101300014"
PAYLOAD = canonical_answer_bytes({"survey": 24, "answers": {"q1": "иә"}}, "nonce-24")


class Scenario:
    def __init__(self) -> None:
        pki = self.pki = TestPki.create(RsaTestKey, label="RSA")
        self.signer = pki.issue_person(IIN)
        self.policy = VerificationPolicy.build(
            trusted_root_sha256=[pki.root.sha256],
            certificates=[pki.root.der, pki.intermediate.der],
            trusted_tsa_root_sha256=[pki.tsa_root.sha256],
            tsa_certificates=[pki.tsa_root.der],
        )
        self.verifier = SignatureVerifier(self.policy)
        self.now = pki.now + timedelta(minutes=5)
        self.crls = [pki.crl(), pki.crl(pki.root), pki.crl(pki.tsa_root)]
        self.der = sign_cms(PAYLOAD, self.signer, tsa=pki.tsa, timestamp_time=pki.now, output="der")

    def verify(self, blob, crls=None, **options):  # type: ignore[no-untyped-def]
        options.setdefault("now", self.now)
        return self.verifier.verify(
            blob, PAYLOAD, crls=self.crls if crls is None else crls, **options
        )


@pytest.fixture(scope="module")
def rsa() -> Scenario:
    return Scenario()


def test_the_unmutated_signature_is_valid(rsa):
    result = rsa.verify(rsa.der)
    assert result.status is SignatureStatus.VALID, result.reason


def test_an_unparsable_not_before_is_malformed_not_an_exception(rsa):
    """The probe's case: one digit of the signer certificate's notBefore changed so that
    asn1crypto cannot read it (month 9x). Before the fix ValueError escaped from verify()."""
    field = rsa.signer.certificate["tbs_certificate"]["validity"]["not_before"].chosen.dump()
    offset = rsa.der.index(field)
    broken = bytearray(rsa.der)
    broken[offset + 4] = ord("9")  # YYMMDD…: the tens digit of the month
    result = rsa.verify(bytes(broken))
    assert isinstance(result, VerificationResult)
    assert result.status is SignatureStatus.MALFORMED
    assert "cannot be parsed" in result.reason


def _regions(rsa):  # type: ignore[no-untyped-def]
    """Byte ranges of the CMS worth mutating: the signer certificate (and inside it the
    validity, serial and subject), the signature value, the timestamp token, and all of it."""
    der = rsa.der
    cert = rsa.signer.der
    start = der.index(cert)
    tbs = rsa.signer.certificate["tbs_certificate"]
    regions = [(0, len(der)), (start, start + len(cert))]
    for name in ("validity", "serial_number", "subject", "extensions", "issuer"):
        piece = tbs[name].dump()
        at = der.index(piece, start)
        regions.append((at, at + len(piece)))
    token_at = der.rfind(rsa.pki.tsa.der)
    regions.append((token_at, token_at + len(rsa.pki.tsa.der)))
    return regions


def test_mutated_cms_and_certificates_always_give_a_verdict(rsa):
    """Bounded fuzzing: 400 mutants (flipped bits, digits, length octets, cut and inserted
    bytes) across the CMS, the signer and TSA certificates and their fields. Every one gives
    a VerificationResult; none is valid unless it is the original."""
    generator = random.Random(24)  # reproducible
    regions = _regions(rsa)
    statuses = set()
    for _round in range(400):
        blob = bytearray(rsa.der)
        low, high = generator.choice(regions)
        position = generator.randrange(low, high)
        kind = generator.randrange(5)
        if kind == 0:
            blob[position] ^= 1 << generator.randrange(8)
        elif kind == 1:
            blob[position] = ord(generator.choice("0123456789Z+-"))
        elif kind == 2:
            blob[position] = generator.choice((0x00, 0x7F, 0x80, 0x81, 0x82, 0xFF))
        elif kind == 3:
            del blob[position : position + generator.randrange(1, 8)]
        else:
            blob[position:position] = bytes(generator.randrange(256) for _ in range(3))
        mutant = bytes(blob)
        result = rsa.verify(mutant)  # must not raise
        assert isinstance(result, VerificationResult)
        statuses.add(result.status)
        if mutant != rsa.der:
            assert result.status is not SignatureStatus.VALID or _harmless(mutant, rsa), position
    assert SignatureStatus.MALFORMED in statuses


def _signed_parts(blob: bytes) -> tuple[bytes, ...]:
    """Everything a signature or a pinned hash covers: the signer's certificate, signed
    attributes and signature; the timestamp's TSTInfo, its signer's signed attributes and
    signature, and the TSA certificate."""
    from asn1crypto import cms

    signed_data = cms.ContentInfo.load(blob)["content"]
    signer = signed_data["signer_infos"][0]
    token = signer["unsigned_attrs"][0]["values"][0]["content"]
    token_signer = token["signer_infos"][0]
    return (
        signed_data["certificates"][0].chosen.dump(),
        signer["signed_attrs"].dump(),
        signer["signature"].dump(),
        bytes(token["encap_content_info"]["content"].contents),
        token_signer["signed_attrs"].dump(),
        token_signer["signature"].dump(),
        token["certificates"][0].chosen.dump(),
    )


def _harmless(mutant: bytes, rsa) -> bool:  # type: ignore[no-untyped-def]
    """A mutant may still verify only where nothing signed changed: e.g. the timestamp
    token's own digestAlgorithms set, which no signature covers and nothing uses."""
    try:
        return _signed_parts(mutant) == _signed_parts(rsa.der)
    except Exception:  # noqa: BLE001
        return False


def test_timestamp_older_than_the_challenge_is_refused(rsa):
    """The timestamp (TSA genTime) is rsa.pki.now; a challenge issued an hour later cannot
    have been stamped then. Before the fix the verifier had no notion of the challenge."""
    late = rsa.verify(rsa.der, challenge_issued_at=rsa.pki.now + timedelta(hours=1))
    assert late.status is SignatureStatus.INVALID_TIMESTAMP
    assert "predates the signing request" in late.reason
    # Issued just before the stamp (or within the clock tolerance): fine.
    for issued in (rsa.pki.now - timedelta(seconds=20), rsa.pki.now + timedelta(seconds=30)):
        result = rsa.verify(rsa.der, challenge_issued_at=issued)
        assert result.status is SignatureStatus.VALID, result.reason


def test_the_tsa_certificate_revocation_is_checked(rsa):
    """Before the fix the TSA's certificate was never checked for revocation."""
    pki = rsa.pki
    signer_crls = [pki.crl(), pki.crl(pki.root)]
    revoked_tsa = pki.crl(pki.tsa_root, revoked=[(pki.tsa.serial, pki.now - timedelta(days=2))])
    revoked = rsa.verify(rsa.der, crls=[*signer_crls, revoked_tsa])
    assert revoked.status is SignatureStatus.UNTRUSTED_TSA
    assert "TSA certificate" in revoked.reason and "revoked" in revoked.reason
    # Revoked only after the stamp: the timestamp stays good (status at genTime).
    later = pki.crl(pki.tsa_root, revoked=[(pki.tsa.serial, pki.now + timedelta(minutes=2))])
    assert rsa.verify(rsa.der, crls=[*signer_crls, later]).status is SignatureStatus.VALID
    # No revocation data for the TSA: unknown, hence pending, never valid.
    unknown = rsa.verify(rsa.der, crls=signer_crls)
    assert unknown.status is SignatureStatus.REVOCATION_UNKNOWN
    assert "TSA certificate" in unknown.reason
    good = rsa.verify(rsa.der)
    assert good.status is SignatureStatus.VALID
    assert len(good.revocation_evidence) == 3  # TSA, signer's CA, root
