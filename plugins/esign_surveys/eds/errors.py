"""Typed errors raised inside the library; `SignatureVerifier` turns them into result statuses."""

from __future__ import annotations


class EdsError(Exception):
    """Base class; `status` is the result status the verifier reports for this error."""

    status = "malformed"


class MalformedSignatureError(EdsError):
    status = "malformed"


class NotDerOrPemError(MalformedSignatureError):
    """The input is neither DER, PEM nor base64 of a CMS ContentInfo."""


class SignatureTooLargeError(MalformedSignatureError):
    """The input is larger than the configured limit (10 MB by default)."""


class NoSignerError(MalformedSignatureError):
    """The SignedData has no SignerInfo, or its signer certificate is missing."""


class UnsupportedAlgorithmError(EdsError):
    status = "unsupported_algorithm"


class InvalidSignatureError(EdsError):
    status = "invalid_signature"


class UntrustedChainError(EdsError):
    status = "untrusted_chain"


class ChainTooLongError(UntrustedChainError):
    """The certification path would exceed the configured maximum length (10)."""


class UntrustedTsaError(EdsError):
    status = "untrusted_tsa"


class InvalidTimestampError(EdsError):
    status = "invalid_timestamp"
