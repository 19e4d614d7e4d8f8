"""`SignatureVerifier`: one pure function from (CMS, signed bytes, revocation data) to a result."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from asn1crypto import cms as asn1_cms
from asn1crypto import crl, ocsp, x509

from .algorithms import describe_key_algorithm, key_algorithm
from .certificates import (
    SignerIdentity,
    fingerprint_sha256,
    load_certificates,
    signer_identity,
    signing_key_problem,
    spki_der,
)
from .chain import MAX_CHAIN_LENGTH, TrustAnchors, build_path, validity_problem
from .cms import MAX_CMS_BYTES, CmsSignature, parse_cms, verify_signer_info
from .errors import EdsError, UntrustedTsaError
from .result import SignatureStatus, VerificationResult
from .revocation import (
    STATUS_GOOD,
    STATUS_REVOKED,
    CrlIndexStore,
    RevocationEvidence,
    check_revocation,
    load_crl,
    load_ocsp_response,
)
from .timestamp import TimestampInfo, verify_timestamp_token

_DATA = "1.2.840.113549.1.7.1"


@dataclass(frozen=True)
class VerificationPolicy:
    """What the platform trusts: roots and TSA roots pinned by SHA-256, plus the NCA
    intermediates (and roots) to build paths with."""

    roots: TrustAnchors
    tsa_roots: TrustAnchors
    max_chain_length: int = MAX_CHAIN_LENGTH
    max_cms_bytes: int = MAX_CMS_BYTES
    require_timestamp: bool = False
    require_email_protection_eku: bool = True
    # NCA's rule: revocation is checked for every certificate that vouches for the signature,
    # the TSA's included (its status at the timestamp's time, like the signer's).
    check_tsa_revocation: bool = True
    clock_skew: timedelta = timedelta(minutes=5)
    # How much earlier than the signing challenge a timestamp may be dated: only the clock
    # difference between this server and the TSA (both NTP-synchronised). A timestamp cannot
    # honestly be older than the nonce it stamps.
    challenge_skew: timedelta = timedelta(seconds=60)

    @classmethod
    def build(
        cls,
        *,
        trusted_root_sha256: Iterable[str],
        certificates: Iterable[bytes | x509.Certificate] = (),
        trusted_tsa_root_sha256: Iterable[str] = (),
        tsa_certificates: Iterable[bytes | x509.Certificate] = (),
        **options: object,
    ) -> VerificationPolicy:
        return cls(
            roots=TrustAnchors.build(trusted_root_sha256, load_certificates(certificates)),
            tsa_roots=TrustAnchors.build(
                trusted_tsa_root_sha256, load_certificates(tsa_certificates)
            ),
            **options,  # type: ignore[arg-type]
        )


class _Failure(Exception):
    def __init__(self, status: SignatureStatus, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass
class _Progress:
    """What is known so far, so that a failure still reports the signer and evidence."""

    signed_bytes_sha256: str = ""
    cms: CmsSignature | None = None
    signer: SignerIdentity | None = None
    algorithm: str | None = None
    timestamp: TimestampInfo | None = None
    validation_time: datetime | None = None
    chain: tuple[str, ...] = ()
    evidence: list[RevocationEvidence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    revocation_unknown: list[str] = field(default_factory=list)
    tsa_evidence: list[RevocationEvidence] = field(default_factory=list)  # after the signer's


class SignatureVerifier:
    def __init__(self, policy: VerificationPolicy, crl_index: CrlIndexStore | None = None) -> None:
        self.policy = policy
        self.crl_index = crl_index  # None: the in-process index (see revocation.CrlIndexStore)

    def verify(
        self,
        cms: bytes | str,
        signed_bytes: bytes | None = None,
        *,
        crls: Iterable[bytes | crl.CertificateList] = (),
        ocsp_responses: Iterable[bytes | ocsp.OCSPResponse] = (),
        timestamp_token: bytes | None = None,
        expected_iin: str | None = None,
        now: datetime | None = None,
        challenge_issued_at: datetime | None = None,
    ) -> VerificationResult:
        """Verify a CMS signature over `signed_bytes` (the server's own copy of the payload;
        None only for an attached CMS whose content is then taken as signed).
        `challenge_issued_at`: when the server issued the nonce inside the signed bytes; a
        timestamp dated before it is refused."""
        now = now or datetime.now(UTC)
        progress = _Progress()
        try:
            self._verify(
                progress,
                cms,
                signed_bytes,
                crls,
                ocsp_responses,
                timestamp_token,
                expected_iin,
                now,
                challenge_issued_at,
            )
        except _Failure as failure:
            return self._result(progress, failure.status, failure.reason, now)
        except EdsError as exc:
            return self._result(progress, SignatureStatus(exc.status), str(exc), now)
        except Exception as exc:  # noqa: BLE001 - see below
            # asn1crypto parses lazily: a field it cannot read (a notBefore with month 13, a
            # truncated extension) raises ValueError, TypeError, KeyError… wherever it is first
            # touched, deep inside any step. Whatever the sender's bytes make the parser do,
            # the verdict is "malformed", never an exception for the caller.
            return self._result(
                progress,
                SignatureStatus.MALFORMED,
                f"a part of the CMS or of a certificate cannot be parsed: "
                f"{type(exc).__name__}: {exc}",
                now,
            )
        reason = "the signature is valid"
        if progress.timestamp is None:
            reason += "; no trusted timestamp, certificates were checked at the validation time"
        return self._result(progress, SignatureStatus.VALID, reason, now)

    def _result(
        self, progress: _Progress, status: SignatureStatus, reason: str, now: datetime
    ) -> VerificationResult:
        return VerificationResult(
            status=status,
            reason=reason,
            signed_bytes_sha256=progress.signed_bytes_sha256,
            validated_at=now,
            validation_time=progress.validation_time,
            signer=progress.signer,
            algorithm=progress.algorithm,
            timestamp=progress.timestamp,
            revocation_evidence=(*progress.evidence, *progress.tsa_evidence),
            chain_sha256=progress.chain,
            cms_der=progress.cms.der if progress.cms else None,
            received_format=progress.cms.received_format if progress.cms else None,
            warnings=tuple(progress.warnings),
        )

    def _verify(
        self,
        progress: _Progress,
        cms_input: bytes | str,
        signed_bytes: bytes | None,
        crl_inputs: Iterable[bytes | crl.CertificateList],
        ocsp_inputs: Iterable[bytes | ocsp.OCSPResponse],
        timestamp_token: bytes | None,
        expected_iin: str | None,
        now: datetime,
        challenge_issued_at: datetime | None = None,
    ) -> None:
        policy = self.policy
        if signed_bytes is not None:
            progress.signed_bytes_sha256 = hashlib.sha256(signed_bytes).hexdigest()
        signature = parse_cms(cms_input, policy.max_cms_bytes)
        progress.cms = signature
        signer_cert = signature.signer_certificate

        # The algorithm is decided first, so that a legacy GOST-2004 signature can never get
        # further than "unsupported_algorithm".
        progress.algorithm = describe_key_algorithm(spki_der(signer_cert))
        progress.signer = signer_identity(signer_cert, progress.algorithm)
        key_algorithm(spki_der(signer_cert))

        content = self._content(signature, signed_bytes)
        progress.signed_bytes_sha256 = hashlib.sha256(content).hexdigest()
        if signature.content_type != _DATA:
            raise _Failure(SignatureStatus.MALFORMED, "the CMS does not sign plain data")
        verify_signer_info(signature.signer_info, signer_cert, content, signature.content_type)

        crls = self._load_all(crl_inputs, load_crl, "CRL", progress)
        ocsps = self._load_all(ocsp_inputs, load_ocsp_response, "OCSP response", progress)

        progress.timestamp = self._timestamp(
            signature, timestamp_token, crls, ocsps, now, progress, challenge_issued_at
        )
        moment = progress.timestamp.gen_time if progress.timestamp else now
        progress.validation_time = moment

        path = build_path(
            signer_cert, policy.roots, signature.certificates, policy.max_chain_length
        )
        progress.chain = tuple(fingerprint_sha256(cert) for cert in path)
        problem = validity_problem(path, moment)
        if problem:
            raise _Failure(SignatureStatus.EXPIRED, problem)

        problem = signing_key_problem(signer_cert, policy.require_email_protection_eku)
        if problem:
            raise _Failure(
                SignatureStatus.WRONG_KEY_USAGE,
                f"the certificate is not a signing key ({problem})",
            )
        if expected_iin is not None and progress.signer.iin != expected_iin:
            raise _Failure(
                SignatureStatus.IIN_MISMATCH,
                f"the certificate's IIN {progress.signer.iin or '(none)'} is not the "
                "respondent's IIN",
            )
        self._check_path_revocation(path, policy.roots, moment, now, crls, ocsps, progress)

    @staticmethod
    def _content(signature: CmsSignature, signed_bytes: bytes | None) -> bytes:
        attached = signature.encapsulated_content
        if signed_bytes is None:
            if attached is None:
                raise _Failure(
                    SignatureStatus.MALFORMED, "detached CMS given without the signed bytes"
                )
            return attached
        if attached is not None and attached != signed_bytes:
            raise _Failure(
                SignatureStatus.INVALID_SIGNATURE,
                "the CMS carries other content than the bytes the server expects",
            )
        return signed_bytes

    @staticmethod
    def _load_all(items, loader, label, progress):  # type: ignore[no-untyped-def]
        loaded = []
        for item in items:
            try:
                loaded.append(loader(item))
            except (ValueError, TypeError) as exc:
                progress.warnings.append(f"ignored a malformed {label}: {exc}")
        return loaded

    def _timestamp(
        self,
        signature: CmsSignature,
        timestamp_token: bytes | None,
        crls: list[crl.CertificateList],
        ocsps: list[ocsp.OCSPResponse],
        now: datetime,
        progress: _Progress,
        challenge_issued_at: datetime | None,
    ) -> TimestampInfo | None:
        policy = self.policy
        token: bytes | asn1_cms.ContentInfo | None = timestamp_token
        if token is None:
            embedded = signature.unsigned_attribute("signature_time_stamp_token")
            token = embedded[0] if embedded else None  # type: ignore[assignment]
        if token is None:
            if policy.require_timestamp:
                raise _Failure(
                    SignatureStatus.TIMESTAMP_REQUIRED, "the signature has no timestamp token"
                )
            return None

        def tsa_revocation(path: list[x509.Certificate], gen_time: datetime) -> None:
            if not policy.check_tsa_revocation:
                return
            for cert, issuer in zip(path, path[1:], strict=False):
                if policy.tsa_roots.is_pinned(cert):
                    break
                outcome = check_revocation(
                    cert, issuer, gen_time, now, crls, ocsps, policy.clock_skew, self.crl_index
                )
                progress.tsa_evidence.extend(outcome.evidence)
                if outcome.status == STATUS_REVOKED:
                    raise UntrustedTsaError(f"TSA certificate: {outcome.reason}")
                if outcome.status != STATUS_GOOD:
                    # Like the signer's: unknown now, decided by the re-check once the
                    # TSA's CRL or OCSP answer is fetched.
                    progress.revocation_unknown.append(f"TSA certificate: {outcome.reason}")

        info = verify_timestamp_token(
            token,
            signature.signature_value,
            policy.tsa_roots,
            policy.max_chain_length,
            tsa_revocation,
        )
        if info.gen_time > now + policy.clock_skew:
            raise _Failure(SignatureStatus.INVALID_TIMESTAMP, "the timestamp is in the future")
        if (
            challenge_issued_at is not None
            and info.gen_time < challenge_issued_at - policy.challenge_skew
        ):
            raise _Failure(
                SignatureStatus.INVALID_TIMESTAMP,
                f"the timestamp ({info.gen_time.isoformat()}) predates the signing request "
                f"({challenge_issued_at.isoformat()})",
            )
        return info

    def _check_path_revocation(
        self,
        path: list[x509.Certificate],
        anchors: TrustAnchors,
        moment: datetime,
        now: datetime,
        crls: list[crl.CertificateList],
        ocsps: list[ocsp.OCSPResponse],
        progress: _Progress,
    ) -> None:
        unknown: list[str] = list(progress.revocation_unknown)
        for cert, issuer in zip(path, path[1:], strict=False):
            if anchors.is_pinned(cert):
                break  # a pinned certificate is trusted as configured
            outcome = check_revocation(
                cert, issuer, moment, now, crls, ocsps, self.policy.clock_skew, self.crl_index
            )
            progress.evidence.extend(outcome.evidence)
            if outcome.status == STATUS_REVOKED:
                raise _Failure(
                    SignatureStatus.REVOKED,
                    f"certificate {cert.subject.human_friendly!r} is {outcome.reason}",
                )
            if outcome.status != STATUS_GOOD:
                unknown.append(outcome.reason)
        if unknown:
            raise _Failure(SignatureStatus.REVOCATION_UNKNOWN, "; ".join(unknown))
