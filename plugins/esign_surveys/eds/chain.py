"""Building a certification path to a root pinned by SHA-256 fingerprint.

Names only help to find candidate issuers; trust comes from the pinned fingerprint and from
each certificate's signature verifying under its issuer's key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from asn1crypto import x509

from .algorithms import verify_signature
from .certificates import (
    authority_key_identifier,
    fingerprint_sha256,
    is_ca,
    key_usage,
    normalise_fingerprint,
    not_after,
    not_before,
    spki_der,
    subject_key_identifier,
)
from .errors import ChainTooLongError, EdsError, UnsupportedAlgorithmError, UntrustedChainError

MAX_CHAIN_LENGTH = 10


@dataclass(frozen=True)
class TrustAnchors:
    """Pinned fingerprints plus the certificates available for path building."""

    pinned_sha256: frozenset[str]
    certificates: tuple[x509.Certificate, ...] = field(default=())

    @classmethod
    def build(
        cls, pinned_sha256: Iterable[str], certificates: Iterable[x509.Certificate] = ()
    ) -> TrustAnchors:
        pins = frozenset(normalise_fingerprint(value) for value in pinned_sha256)
        return cls(pinned_sha256=pins, certificates=tuple(certificates))

    def is_pinned(self, cert: x509.Certificate) -> bool:
        return fingerprint_sha256(cert) in self.pinned_sha256


def verify_issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> None:
    verify_signature(
        spki_der(issuer),
        cert["signature_algorithm"]["algorithm"].dotted,
        cert["signature_value"].native,
        cert["tbs_certificate"].dump(),
    )


def _issuer_candidates(
    cert: x509.Certificate, pool: Iterable[x509.Certificate]
) -> list[x509.Certificate]:
    wanted_key_id = authority_key_identifier(cert)
    candidates = []
    for candidate in pool:
        if candidate.subject != cert.issuer:
            continue
        key_id = subject_key_identifier(candidate)
        if wanted_key_id and key_id and key_id != wanted_key_id:
            continue
        candidates.append(candidate)
    return candidates


def build_path(
    leaf: x509.Certificate,
    anchors: TrustAnchors,
    extra_certificates: Iterable[x509.Certificate] = (),
    max_length: int = MAX_CHAIN_LENGTH,
) -> list[x509.Certificate]:
    """[leaf, …, pinned certificate]; raises UntrustedChainError or ChainTooLongError."""
    pool: list[x509.Certificate] = []
    seen: set[str] = set()
    for cert in (*anchors.certificates, *extra_certificates):
        fingerprint = fingerprint_sha256(cert)
        if fingerprint not in seen:
            seen.add(fingerprint)
            pool.append(cert)
    path = [leaf]
    in_path = {fingerprint_sha256(leaf)}
    current = leaf
    while not anchors.is_pinned(current):
        if len(path) >= max_length:
            raise ChainTooLongError(
                f"the certificate chain is longer than {max_length} certificates"
            )
        candidates = _issuer_candidates(current, pool)
        # Pinned issuers first, so a re-issued copy of a root is not preferred to the pin.
        candidates.sort(key=lambda candidate: not anchors.is_pinned(candidate))
        issuer = None
        problems: list[str] = []
        for candidate in candidates:
            if fingerprint_sha256(candidate) in in_path:
                continue
            try:
                verify_issued_by(current, candidate)
            except UnsupportedAlgorithmError:
                raise
            except EdsError as exc:
                problems.append(str(exc))
                continue
            issuer = candidate
            break
        if issuer is None:
            subject = current.subject.human_friendly
            if current.subject == current.issuer:
                raise UntrustedChainError(f"the root {subject!r} is not a pinned trusted root")
            detail = f" ({'; '.join(problems)})" if problems else ""
            raise UntrustedChainError(
                f"no trusted issuer found for {subject!r}{detail}; the chain does not reach a "
                "pinned root"
            )
        if not is_ca(issuer):
            raise UntrustedChainError(f"{issuer.subject.human_friendly!r} is not a CA")
        usage = key_usage(issuer)
        if usage is not None and "key_cert_sign" not in usage:
            raise UntrustedChainError(
                f"{issuer.subject.human_friendly!r} may not sign certificates"
            )
        path.append(issuer)
        in_path.add(fingerprint_sha256(issuer))
        current = issuer
    return path


def validity_problem(path: list[x509.Certificate], moment: datetime) -> str | None:
    """Why some certificate of the path was not valid at `moment`, or None."""
    for cert in path:
        if moment < not_before(cert):
            return (
                f"certificate {cert.subject.human_friendly!r} was not yet valid at "
                f"{moment.isoformat()} (valid from {not_before(cert).isoformat()})"
            )
        if moment > not_after(cert):
            return (
                f"certificate {cert.subject.human_friendly!r} had expired at "
                f"{moment.isoformat()} (valid until {not_after(cert).isoformat()})"
            )
    return None
