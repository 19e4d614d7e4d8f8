"""Verification of Kazakh EDS (ЭЦП) CMS signatures from NCALayer: RSA and GOST 34.10-2015.

Django-free and side-effect free: revocation data comes in as arguments (see `fetch` for the
HTTP side, meant for a background task). Importing it makes asn1crypto's dump() return the DER
it parsed (`asn1_patch`), which every signature and fingerprint here relies on.
"""

from . import asn1_patch  # noqa: F401 - asn1crypto must give back the DER it parsed (see there)
from .canonical import canonical_answer_bytes, new_nonce
from .certificates import SignerIdentity
from .chain import TrustAnchors
from .cms import CmsSignature, parse_cms
from .errors import (
    ChainTooLongError,
    EdsError,
    MalformedSignatureError,
    NoSignerError,
    NotDerOrPemError,
    SignatureTooLargeError,
)
from .result import SignatureStatus, VerificationResult
from .revocation import RevocationEvidence, verify_crl_signature, verify_ocsp_response_signature
from .timestamp import TimestampInfo
from .verifier import SignatureVerifier, VerificationPolicy

__all__ = [
    "ChainTooLongError",
    "CmsSignature",
    "EdsError",
    "MalformedSignatureError",
    "NoSignerError",
    "NotDerOrPemError",
    "RevocationEvidence",
    "SignatureStatus",
    "SignatureTooLargeError",
    "SignatureVerifier",
    "SignerIdentity",
    "TimestampInfo",
    "TrustAnchors",
    "VerificationPolicy",
    "VerificationResult",
    "canonical_answer_bytes",
    "new_nonce",
    "parse_cms",
    "verify_crl_signature",
    "verify_ocsp_response_signature",
]
