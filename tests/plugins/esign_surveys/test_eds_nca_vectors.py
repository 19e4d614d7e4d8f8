"""Real NCA RK test objects (from NCANode's test resources) read from ../shared/eds-vectors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from asn1crypto import cms

from plugins.esign_surveys.eds import verify_crl_signature, verify_ocsp_response_signature
from plugins.esign_surveys.eds.algorithms import describe_key_algorithm, key_algorithm
from plugins.esign_surveys.eds.certificates import (
    fingerprint_sha256,
    load_certificate,
    signer_identity,
    signing_key_problem,
    spki_der,
)
from plugins.esign_surveys.eds.chain import verify_issued_by
from plugins.esign_surveys.eds.cms import verify_signer_info
from plugins.esign_surveys.eds.errors import (
    EdsError,
    InvalidSignatureError,
    UnsupportedAlgorithmError,
)
from plugins.esign_surveys.eds.revocation import load_crl, load_ocsp_response

VECTORS = Path(__file__).resolve().parents[3].parent / "shared" / "eds-vectors"

pytestmark = pytest.mark.skipif(
    not VECTORS.is_dir(), reason=f"NCA test vectors not found at {VECTORS} (../shared/eds-vectors)"
)


def read(relative: str) -> bytes:
    return (VECTORS / relative).read_bytes()


def flip_bit(data: bytes, offset: int) -> bytes:
    changed = bytearray(data)
    changed[offset] ^= 0x01
    return bytes(changed)


def test_gost2015_ca_crl_signature_verifies() -> None:
    ca = load_certificate(read("ca/nca_gost2015_test.cer"))
    assert key_algorithm(spki_der(ca)) == "GOST34.10-2015-512"
    verify_crl_signature(load_crl(read("crl/nca_gost2022_test.crl")), ca)


def test_gost2015_crl_with_one_bit_flipped_fails() -> None:
    ca = load_certificate(read("ca/nca_gost2015_test.cer"))
    crl_der = read("crl/nca_gost2022_test.crl")
    tbs_end = len(load_crl(crl_der)["tbs_cert_list"].dump()) + 4  # inside the signed part
    for offset in (len(crl_der) - 1, tbs_end - 1):
        with pytest.raises(InvalidSignatureError):
            verify_crl_signature(load_crl(flip_bit(crl_der, offset)), ca)


def test_gost2015_ocsp_response_chain_verifies() -> None:
    ca = load_certificate(read("ca/nca_gost2015_test.cer"))
    for name in ("ocsp_response_individual_2015.bin", "ocsp_response_ceo_2015_revoked.bin"):
        responder = verify_ocsp_response_signature(load_ocsp_response(read(f"ocsp/{name}")), ca)
        assert responder.subject.native["common_name"] == "OCSP RESPONDER"


def test_gost2015_ocsp_with_one_bit_flipped_fails() -> None:
    ca = load_certificate(read("ca/nca_gost2015_test.cer"))
    der = read("ocsp/ocsp_response_individual_2015.bin")
    basic = load_ocsp_response(der).basic_ocsp_response
    response_signature = basic["signature"].native
    responder_der = basic["certs"][0].dump()
    targets = {
        "response signature": der.index(response_signature) + 10,
        "response data": der.index(basic["tbs_response_data"].dump()) + 20,
        "responder certificate signature": der.index(responder_der) + len(responder_der) - 1,
    }
    for offset in targets.values():
        with pytest.raises(EdsError):
            verify_ocsp_response_signature(load_ocsp_response(flip_bit(der, offset)), ca)


def test_rsa_crl_and_ocsp_chain_verify() -> None:
    ca = load_certificate(read("ca/nca_rsa_test.crt"))
    verify_crl_signature(load_crl(read("crl/nca_rsa_test.crl")), ca)
    response = load_ocsp_response(read("ocsp/ocsp_response_individual_sign_2004.bin"))
    verify_ocsp_response_signature(response, ca)
    with pytest.raises(InvalidSignatureError):
        crl_der = read("crl/nca_rsa_test.crl")
        verify_crl_signature(load_crl(flip_bit(crl_der, len(crl_der) - 1)), ca)


def test_real_signing_and_authentication_certificates() -> None:
    ca = load_certificate(read("ca/nca_rsa_test.crt"))
    sign = load_certificate(read("certs/individual_valid_sign_2004_rsa.cer"))
    auth = load_certificate(read("certs/individual_valid_sign_2004_rsa_auth.cer"))
    for cert in (sign, auth):
        verify_issued_by(cert, ca)
    identity = signer_identity(sign, "RSA")
    assert identity.iin == "123456789011"
    assert identity.patronymic == "ТЕСТОВИЧ"
    assert signing_key_problem(sign, require_email_protection=True) is None
    assert "authentication key" in (signing_key_problem(auth, require_email_protection=True) or "")


def test_legacy_gost2004_objects_are_unsupported() -> None:
    cert = load_certificate(read("certs/ceo_valid_sign_2004_gost.cer"))
    with pytest.raises(UnsupportedAlgorithmError):
        key_algorithm(spki_der(cert))
    token = cms.ContentInfo.load(read("tsp/tsp_token.bin"))
    signed_data = token["content"]
    tsa_cert = signed_data["certificates"][0].chosen
    content = bytes(signed_data["encap_content_info"]["content"].contents)
    with pytest.raises(UnsupportedAlgorithmError):
        verify_signer_info(
            signed_data["signer_infos"][0], tsa_cert, content, "1.2.840.113549.1.9.16.1.4"
        )


def test_lengths_ending_in_0x80_keep_the_bytes_received() -> None:
    """NCA's GOST-2004 OCSP responder certificate is 896 bytes long (30 82 03 80) and the RSA
    response lists its single responses in 128 bytes (30 81 80): asn1crypto re-encoded such
    values on dump() and raised KeyError on the GOST key (eds/asn1_patch.py)."""
    gost_der = read("ocsp/ocsp_response_ceo_sign_2004_revoked.bin")
    responder = load_ocsp_response(gost_der).basic_ocsp_response["certs"][0]
    start = gost_der.index(b"\x30\x82\x03\x80")
    received = gost_der[start : start + 4 + 896]
    assert fingerprint_sha256(responder) == hashlib.sha256(received).hexdigest()
    assert describe_key_algorithm(spki_der(responder)) == "GOST34.310-2004"
    # The response gets a verdict (unsupported algorithm), not an unhandled error.
    gost_ca = load_certificate(read("ca/nca_gost_test.crt"))
    with pytest.raises(UnsupportedAlgorithmError):
        verify_ocsp_response_signature(load_ocsp_response(gost_der), gost_ca)

    rsa_der = read("ocsp/ocsp_response_individual_sign_2004.bin")
    data = load_ocsp_response(rsa_der).basic_ocsp_response["tbs_response_data"]
    responses = data["responses"].dump()
    assert responses.startswith(b"\x30\x81\x80")
    assert responses in rsa_der
