"""RFC 3161 timestamp tokens: the trusted signing time for the signer's certificate checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import cms, tsp, x509

from .algorithms import compute_digest, digest_name
from .certificates import extended_key_usage, fingerprint_sha256
from .chain import TrustAnchors, build_path, validity_problem
from .cms import find_signer_certificate, verify_signer_info
from .errors import (
    EdsError,
    InvalidTimestampError,
    UnsupportedAlgorithmError,
    UntrustedChainError,
    UntrustedTsaError,
)
from .oids import EKU_TIME_STAMPING

_TST_INFO = "1.2.840.113549.1.9.16.1.4"


@dataclass(frozen=True)
class TimestampInfo:
    gen_time: datetime
    serial_number: int
    policy: str
    tsa_subject: str
    tsa_certificate_sha256: str
    digest_algorithm: str
    der: bytes  # the token (ContentInfo) as received


def load_token(data: bytes | cms.ContentInfo) -> cms.ContentInfo:
    if isinstance(data, cms.ContentInfo):
        return data
    try:
        return cms.ContentInfo.load(data, strict=True)
    except ValueError as exc:
        raise InvalidTimestampError(f"the timestamp token is not DER: {exc}") from None


def verify_timestamp_token(
    token: bytes | cms.ContentInfo,
    imprinted_data: bytes,
    tsa_anchors: TrustAnchors,
    max_chain_length: int,
    revocation_check: Callable[[list[x509.Certificate], datetime], None] | None = None,
) -> TimestampInfo:
    """Check that the token stamps `imprinted_data` (the signer's signature value), that the
    TSA signed it, and that the TSA chains to a pinned TSA root.

    Raises InvalidTimestampError for a broken token and UntrustedTsaError for a TSA we do not
    trust. `revocation_check(path, gen_time)` may raise UntrustedTsaError too.
    """
    content_info = load_token(token)
    try:
        if content_info["content_type"].native != "signed_data":
            raise InvalidTimestampError("the timestamp token is not signed data")
        signed_data = content_info["content"]
        encap = signed_data["encap_content_info"]
        if encap["content_type"].dotted != _TST_INFO:
            raise InvalidTimestampError("the timestamp token does not carry a TSTInfo")
        tst_der = bytes(encap["content"].contents)
        tst_info = tsp.TSTInfo.load(tst_der)
        imprint = tst_info["message_imprint"]
        imprint_digest = digest_name(imprint["hash_algorithm"]["algorithm"].dotted)
        gen_time = tst_info["gen_time"].native
        signer_infos = list(signed_data["signer_infos"])
        certificates = tuple(
            choice.chosen
            for choice in signed_data["certificates"] or ()
            if choice.name == "certificate"
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidTimestampError(f"the timestamp token is malformed: {exc}") from None
    except UnsupportedAlgorithmError as exc:
        raise InvalidTimestampError(f"timestamp imprint algorithm: {exc}") from None
    if imprint["hashed_message"].native != compute_digest(imprint_digest, imprinted_data):
        raise InvalidTimestampError("the timestamp token stamps a different signature")
    if len(signer_infos) != 1:
        raise InvalidTimestampError("the timestamp token must have exactly one signer")
    tsa_certificate = find_signer_certificate(
        signer_infos[0], (*certificates, *tsa_anchors.certificates)
    )
    if tsa_certificate is None:
        raise UntrustedTsaError("the TSA certificate is neither in the token nor configured")
    try:
        verify_signer_info(signer_infos[0], tsa_certificate, tst_der, _TST_INFO)
    except EdsError as exc:
        raise InvalidTimestampError(f"the timestamp token signature is invalid: {exc}") from None
    tsa_name = tsa_certificate.subject.human_friendly
    if EKU_TIME_STAMPING not in extended_key_usage(tsa_certificate):
        raise UntrustedTsaError(f"{tsa_name!r} is not a timestamping certificate")
    try:
        path = build_path(tsa_certificate, tsa_anchors, certificates, max_chain_length)
    except UntrustedChainError as exc:
        raise UntrustedTsaError(f"the timestamp comes from an untrusted TSA: {exc}") from None
    except UnsupportedAlgorithmError as exc:
        raise UntrustedTsaError(f"the TSA chain uses an unsupported algorithm: {exc}") from None
    problem = validity_problem(path, gen_time)
    if problem:
        raise UntrustedTsaError(f"the TSA was not valid at its own time: {problem}")
    if revocation_check is not None:
        revocation_check(path, gen_time)
    return TimestampInfo(
        gen_time=gen_time,
        serial_number=tst_info["serial_number"].native,
        policy=tst_info["policy"].dotted,
        tsa_subject=tsa_name,
        tsa_certificate_sha256=fingerprint_sha256(tsa_certificate),
        digest_algorithm=imprint_digest,
        der=content_info.dump(),
    )
