"""The one result object a verification returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from .certificates import SignerIdentity
from .revocation import RevocationEvidence
from .timestamp import TimestampInfo


class SignatureStatus(StrEnum):
    """Stable codes: the plugin stores them and translates them for people."""

    VALID = "valid"
    INVALID_SIGNATURE = "invalid_signature"
    UNTRUSTED_CHAIN = "untrusted_chain"
    EXPIRED = "expired"
    REVOKED = "revoked"
    REVOCATION_UNKNOWN = "revocation_unknown"
    WRONG_KEY_USAGE = "wrong_key_usage"
    IIN_MISMATCH = "iin_mismatch"
    UNSUPPORTED_ALGORITHM = "unsupported_algorithm"
    MALFORMED = "malformed"
    UNTRUSTED_TSA = "untrusted_tsa"
    INVALID_TIMESTAMP = "invalid_timestamp"
    TIMESTAMP_REQUIRED = "timestamp_required"


@dataclass(frozen=True)
class VerificationResult:
    status: SignatureStatus
    reason: str
    signed_bytes_sha256: str  # hex SHA-256 of the bytes the signature was checked against
    validated_at: datetime  # when this verification ran
    validation_time: datetime | None = None  # the moment certificates were checked at
    signer: SignerIdentity | None = None
    algorithm: str | None = None
    timestamp: TimestampInfo | None = None
    revocation_evidence: tuple[RevocationEvidence, ...] = field(default=())
    chain_sha256: tuple[str, ...] = field(default=())  # signer first, pinned root last
    cms_der: bytes | None = None
    received_format: str | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def is_valid(self) -> bool:
        return self.status is SignatureStatus.VALID

    @property
    def timestamp_time(self) -> datetime | None:
        return self.timestamp.gen_time if self.timestamp else None
