"""DER lengths whose last octet is 0x80 (128, 384, 640, …): asn1crypto took them for the
indefinite form and re-encoded the value on dump() – KeyError on NCA's GOST key OID, altered
bytes for anything not strictly DER (eds/asn1_patch.py). Each object here is built with exactly
such a length: the test PKI's serials have a fixed size, so the padding found is the same on
every run."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

import pytest
from asn1crypto import core, parser

from plugins.esign_surveys.eds import (
    SignatureStatus,
    SignatureVerifier,
    VerificationPolicy,
    canonical_answer_bytes,
)
from plugins.esign_surveys.eds.asn1_patch import dump_keeps_received_bytes
from plugins.esign_surveys.eds.oids import EKU_TIME_STAMPING
from plugins.esign_surveys.eds.testpki import (
    IssuedCertificate,
    TestKey,
    TestPki,
    issue_certificate,
    issue_timestamp_token,
    nca_subject,
    sign_cms,
)

IIN = "900101300014"
PAYLOAD = canonical_answer_bytes({"survey": 8, "answers": {"q1": "иә"}}, "nonce-der")
SERIAL = 0x4D454B544550  # fixed, so that only the padding changes a certificate's length
EXPLICIT_CA_FALSE = b"\x30\x03\x01\x01\x00"  # BasicConstraints { cA FALSE }: BER, not DER

Made = TypeVar("Made")


class Integers(core.SequenceOf):
    _child_spec = core.Integer


def der_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    encoded = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(encoded)]) + encoded


def first_element(der: bytes) -> tuple[bytes, bytes]:
    """Header and contents of the first element in `der`."""
    _, _, _, header, contents, _ = parser.parse(der, strict=False)
    return header, contents


def length_ends_in_0x80(der: bytes) -> bool:
    """The first element has a definite long-form length whose last octet is 0x80."""
    header, contents = first_element(der)
    return header[-1] == 0x80 and header[1] != 0x80 and len(contents) % 256 == 128


def padded(make: Callable[[str], Made], element: Callable[[Made], bytes]) -> Made:
    """`make(padding)`, the padding grown until `element(result)` has a length of 128 modulo
    256. Lengths grow with the padding (by one more where a nested header grows), so a few
    rounds reach it; with the test PKI's fixed-size serials the result is the same every run."""
    size = 0
    for _ in range(10):
        made = make("X" * size)
        missing = (128 - len(first_element(element(made))[1])) % 256
        if missing == 0:
            return made
        size += missing
    raise AssertionError("no padding gives the wanted length")


@pytest.mark.parametrize("length", [128, 384, 640, 896])
def test_parsed_value_dumps_as_received(length: int) -> None:
    count = length // 4
    # Non-minimal INTEGERs (02 02 00 01): a re-encoding dump() would shorten every one.
    received = b"\x30" + der_length(length) + b"\x02\x02\x00\x01" * count
    assert Integers.load(received).dump() == received
    assert dump_keeps_received_bytes()
    der = b"\x30" + der_length(3 * count) + b"\x02\x01\x01" * count
    assert Integers.load(received).dump(force=True) == der  # asked for: DER


def test_indefinite_length_is_still_re_encoded_as_der() -> None:
    assert Integers.load(b"\x30\x80\x02\x01\x01\x00\x00").dump() == b"\x30\x03\x02\x01\x01"


@dataclass
class Family:
    pki: TestPki
    signer_key: TestKey  # one key for every padded signer: keys are slow to make

    def signer(self, padding: str) -> IssuedCertificate:
        return self.pki.issue_person(
            IIN,
            key=self.signer_key,
            serial=SERIAL,
            organization_name=f"ТОО ТЕСТ {padding}",
            explicit_defaults=True,
        )

    def tsa(self, padding: str) -> IssuedCertificate:
        pki = self.pki
        return issue_certificate(
            nca_subject(f"TSA ({pki.label}) TEST {padding}"),
            pki.tsa.key,
            pki.tsa_root,
            not_before=pki.now - timedelta(days=30),
            not_after=pki.now + timedelta(days=335),
            key_usage={"digital_signature", "non_repudiation"},
            extended_key_usage=(EKU_TIME_STAMPING,),
            serial=SERIAL,
        )

    def token(self, tsa: IssuedCertificate) -> bytes:
        # The token holds a digest of the stamped signature, so its length does not depend on it.
        return issue_timestamp_token(tsa, b"", gen_time=self.pki.now).dump()

    def cms(self, signer: IssuedCertificate, tsa: IssuedCertificate) -> bytes:
        return sign_cms(PAYLOAD, signer, tsa=tsa, timestamp_time=self.pki.now, output="der")  # type: ignore[return-value]


@pytest.fixture(scope="module", params=["RSA", "GOST"])
def family(request: pytest.FixtureRequest, rsa_pki: TestPki, gost_pki: TestPki) -> Family:
    pki = rsa_pki if request.param == "RSA" else gost_pki
    return Family(pki, pki.key_factory())


def tbs_of(certificate: IssuedCertificate) -> bytes:
    _, contents = first_element(certificate.der)
    header, tbs_contents = first_element(contents)
    return header + tbs_contents


@pytest.mark.parametrize("target", ["certificate", "tbs_certificate", "cms", "timestamp_token"])
def test_signature_with_a_length_ending_in_0x80_verifies(family: Family, target: str) -> None:
    """End to end. The signer writes cA FALSE out: re-encoding would drop it and break the
    chain signature and fingerprint, so only the bytes as received verify."""
    pki = family.pki
    signer, tsa = family.signer(""), pki.tsa
    if target == "certificate":
        signer = padded(family.signer, lambda cert: cert.der)
    elif target == "tbs_certificate":
        signer = padded(family.signer, tbs_of)
    elif target == "cms":
        signer = padded(family.signer, lambda cert: family.cms(cert, tsa))
    else:
        tsa = padded(family.tsa, family.token)
    cms_der = family.cms(signer, tsa)
    assert EXPLICIT_CA_FALSE in signer.der
    assert signer.der in cms_der

    policy = VerificationPolicy.build(
        trusted_root_sha256=[pki.root.sha256],
        certificates=[pki.root.der, pki.intermediate.der],
        trusted_tsa_root_sha256=[pki.tsa_root.sha256],
        tsa_certificates=[pki.tsa_root.der],
    )
    result = SignatureVerifier(policy).verify(
        cms_der,
        PAYLOAD,
        crls=[pki.crl(), pki.crl(pki.root), pki.crl(pki.tsa_root)],
        expected_iin=IIN,
        now=pki.now + timedelta(minutes=5),
    )

    assert result.status is SignatureStatus.VALID, result.reason
    assert result.algorithm == {"RSA": "RSA", "GOST": "GOST34.10-2015-512"}[pki.label]
    received_sha256 = hashlib.sha256(signer.der).hexdigest()
    assert result.signer is not None
    assert result.signer.certificate_sha256 == received_sha256
    assert result.chain_sha256 == (received_sha256, pki.intermediate.sha256, pki.root.sha256)
    assert result.cms_der == cms_der
    assert result.timestamp is not None
    assert result.timestamp.der in cms_der
    assert result.timestamp.tsa_certificate_sha256 == tsa.sha256
    received = {
        "certificate": signer.der,
        "tbs_certificate": tbs_of(signer),
        "cms": cms_der,
        "timestamp_token": result.timestamp.der,
    }[target]
    assert length_ends_in_0x80(received), first_element(received)[0].hex()
