"""Revocation status from supplied CRLs and OCSP responses (no network here: see fetch.py)."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from asn1crypto import crl, ocsp, x509

from .algorithms import compute_digest, public_key_bits, verify_signature
from .certificates import extended_key_usage, fingerprint_sha256, not_after, not_before, spki_der
from .chain import verify_issued_by
from .errors import EdsError
from .oids import EKU_OCSP_SIGNING

STATUS_GOOD = "good"
STATUS_REVOKED = "revoked"
STATUS_UNKNOWN = "unknown"

_OCSP_CERT_ID_HASHES = {"sha1": "sha1", "sha256": "sha256", "sha384": "sha384", "sha512": "sha512"}


@dataclass(frozen=True)
class RevocationEvidence:
    """One CRL or OCSP response that decided a certificate's status (kept for auditors)."""

    kind: str  # "crl" or "ocsp"
    der: bytes  # empty for an indexed CRL (see IndexedCrl): `sha256` names it then
    certificate_serial: str  # hex serial of the certificate it speaks about
    status: str
    revoked_at: datetime | None = None
    sha256: str = ""


@dataclass(frozen=True)
class IndexedCrl:
    """A CRL that the fetching task has already verified (its signature, with the key of the
    certificate `verified_with` names) and indexed: only its metadata travels to a
    verification, which then neither loads nor walks the CRL (NCA's is 7 MB, 150,000
    entries). Its serials are looked up in the CrlIndexStore that indexed it."""

    sha256: str
    issuer: x509.Name
    this_update: datetime
    next_update: datetime | None
    is_delta: bool
    verified_with: str  # SHA-256 of the issuer certificate whose key verified the signature


def crl_issuer(crl_list: crl.CertificateList | IndexedCrl) -> x509.Name:
    if isinstance(crl_list, IndexedCrl):
        return crl_list.issuer
    return crl_list["tbs_cert_list"]["issuer"]


@dataclass(frozen=True)
class RevocationOutcome:
    status: str
    reason: str
    evidence: tuple[RevocationEvidence, ...] = field(default=())
    revoked_at: datetime | None = None


def load_crl(data: bytes | crl.CertificateList | IndexedCrl) -> crl.CertificateList:
    """Parse a CRL (DER) now, so that a broken one fails here and not mid-check."""
    if isinstance(data, IndexedCrl):
        return data  # type: ignore[return-value]
    crl_list = data if isinstance(data, crl.CertificateList) else crl.CertificateList.load(data)
    tbs = crl_list["tbs_cert_list"]
    tbs["issuer"].native  # noqa: B018
    tbs["this_update"].native  # noqa: B018
    return crl_list


def load_ocsp_response(data: bytes | ocsp.OCSPResponse) -> ocsp.OCSPResponse:
    response = data if isinstance(data, ocsp.OCSPResponse) else ocsp.OCSPResponse.load(data)
    response["response_status"].native  # noqa: B018
    return response


def verify_crl_signature(crl_list: crl.CertificateList, issuer: x509.Certificate) -> None:
    """Raises InvalidSignatureError/UnsupportedAlgorithmError unless `issuer` signed the CRL."""
    verify_signature(
        spki_der(issuer),
        crl_list["signature_algorithm"]["algorithm"].dotted,
        crl_list["signature"].native,
        crl_list["tbs_cert_list"].dump(),
    )


def ocsp_responder_certificate(
    basic: ocsp.BasicOCSPResponse, issuer: x509.Certificate
) -> x509.Certificate:
    """The certificate whose key signed the response: the CA itself, or a responder certificate
    in the response that the CA issued for OCSP signing. Raises EdsError otherwise."""
    responder_id = basic["tbs_response_data"]["responder_id"]
    embedded = list(basic["certs"] or ())
    candidates = [issuer, *embedded]

    def matches(cert: x509.Certificate) -> bool:
        if responder_id.name == "by_name":
            return cert.subject == responder_id.chosen
        return hashlib.sha1(public_key_bits(spki_der(cert))).digest() == responder_id.native  # noqa: S324 - RFC 6960 fixes SHA-1 here

    for cert in candidates:
        if not matches(cert):
            continue
        if cert is issuer:
            return issuer
        if cert.issuer != issuer.subject:
            continue
        verify_issued_by(cert, issuer)
        if EKU_OCSP_SIGNING not in extended_key_usage(cert):
            raise EdsError("the OCSP responder certificate lacks the OCSPSigning purpose")
        return cert
    raise EdsError("the OCSP responder is neither the CA nor a responder the CA certified")


def verify_ocsp_response_signature(
    response: ocsp.OCSPResponse, issuer: x509.Certificate
) -> x509.Certificate:
    """Check the responder chain (responder → CA) and the response signature; returns the
    responder certificate. Raises EdsError subclasses on failure."""
    if response["response_status"].native != "successful":
        raise EdsError(f"the OCSP response status is {response['response_status'].native}")
    basic = response.basic_ocsp_response
    responder = ocsp_responder_certificate(basic, issuer)
    verify_signature(
        spki_der(responder),
        basic["signature_algorithm"]["algorithm"].dotted,
        basic["signature"].native,
        basic["tbs_response_data"].dump(),
    )
    return responder


RevokedEntry = tuple[datetime, "str | None"]  # revocation date, reason


def crl_sha256(crl_list: crl.CertificateList) -> str:
    return hashlib.sha256(crl_list.dump()).hexdigest()


def crl_number(crl_list: crl.CertificateList) -> int | None:
    for extension in crl_list["tbs_cert_list"]["crl_extensions"] or ():
        if extension["extn_id"].native == "crl_number":
            return extension["extn_value"].native
    return None


def iter_revoked(crl_list: crl.CertificateList) -> Iterator[tuple[int, datetime, str | None]]:
    """Every entry of a CRL: (serial, revocation date, reason). Walking a large NCA CRL with
    asn1crypto takes seconds, so it is done once, when the CRL is fetched (see CrlIndexStore)."""
    for entry in crl_list["tbs_cert_list"]["revoked_certificates"] or ():
        reason = None
        for extension in entry["crl_entry_extensions"] or ():
            if extension["extn_id"].native == "crl_reason":
                reason = extension["extn_value"].native
        yield entry["user_certificate"].native, entry["revocation_date"].native, reason


class CrlIndexStore:
    """Where the revoked serials of a CRL are looked up. This default keeps them in the
    process (built on first use: slow for large CRLs); the plugin supplies one backed by a
    table the fetching task fills, shared by all workers (`lookup` returns None for "not
    listed", and may fall back to this in-process index for a CRL nobody indexed)."""

    def __init__(self, size: int = 16) -> None:
        self._entries: OrderedDict[str, dict[int, RevokedEntry]] = OrderedDict()
        self._size = size
        self.builds = 0  # how many CRLs this process had to walk itself

    def lookup(
        self, crl_list: crl.CertificateList | IndexedCrl, serial: int
    ) -> RevokedEntry | None:
        if isinstance(crl_list, IndexedCrl):
            # Its entries are in the store that indexed it, not here: never "not listed".
            raise LookupError("this CRL was indexed elsewhere")
        return self.revoked(crl_list).get(serial)

    def revoked(self, crl_list: crl.CertificateList) -> dict[int, RevokedEntry]:
        key = crl_sha256(crl_list)
        if key in self._entries:
            self._entries.move_to_end(key)
            return self._entries[key]
        revoked = {serial: (when, reason) for serial, when, reason in iter_revoked(crl_list)}
        self.builds += 1
        self._entries[key] = revoked
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)
        return revoked

    def clear(self) -> None:
        self._entries.clear()


process_crl_index = CrlIndexStore()


def _check_with_indexed_crl(
    cert: x509.Certificate,
    issuer: x509.Certificate,
    indexed: IndexedCrl,
    moment: datetime,
    now: datetime,
    skew: timedelta,
    index: CrlIndexStore,
) -> RevocationOutcome:
    """As _check_with_crl, from what the fetching task established: the signature was
    verified with `indexed.verified_with`, which must be this issuer's certificate."""
    if indexed.issuer != cert.issuer:
        return RevocationOutcome(STATUS_UNKNOWN, "CRL from another issuer")
    if indexed.verified_with != fingerprint_sha256(issuer):
        return RevocationOutcome(STATUS_UNKNOWN, "CRL was not verified with this issuer's key")
    if indexed.this_update > now + skew:
        return RevocationOutcome(STATUS_UNKNOWN, "CRL is dated in the future")
    if indexed.next_update is not None and indexed.next_update < moment:
        return RevocationOutcome(
            STATUS_UNKNOWN, f"CRL was stale at the signing time (nextUpdate {indexed.next_update})"
        )
    serial = cert.serial_number
    evidence_for = format(serial, "x")
    try:
        entry = index.lookup(indexed, serial)
    except LookupError as exc:
        return RevocationOutcome(STATUS_UNKNOWN, f"CRL index unavailable: {exc}")
    if entry is not None and entry[1] != "remove_from_crl":
        revoked_at, reason = entry
        if revoked_at <= moment:
            evidence = RevocationEvidence(
                "crl", b"", evidence_for, STATUS_REVOKED, revoked_at, indexed.sha256
            )
            return RevocationOutcome(
                STATUS_REVOKED,
                f"revoked by CRL on {revoked_at.isoformat()} (reason: {reason or 'unspecified'})",
                (evidence,),
                revoked_at,
            )
    if indexed.is_delta:
        return RevocationOutcome(STATUS_UNKNOWN, "only a delta CRL covers the certificate")
    evidence = RevocationEvidence("crl", b"", evidence_for, STATUS_GOOD, None, indexed.sha256)
    return RevocationOutcome(STATUS_GOOD, "not revoked according to the CRL", (evidence,))


def is_delta_crl(crl_list: crl.CertificateList) -> bool:
    return any(
        extension["extn_id"].native == "delta_crl_indicator"
        for extension in crl_list["tbs_cert_list"]["crl_extensions"] or ()
    )


def _check_with_crl(
    cert: x509.Certificate,
    issuer: x509.Certificate,
    crl_list: crl.CertificateList,
    moment: datetime,
    now: datetime,
    skew: timedelta,
    index: CrlIndexStore,
) -> RevocationOutcome:
    if isinstance(crl_list, IndexedCrl):
        return _check_with_indexed_crl(cert, issuer, crl_list, moment, now, skew, index)
    tbs = crl_list["tbs_cert_list"]
    if tbs["issuer"] != cert.issuer:
        return RevocationOutcome(STATUS_UNKNOWN, "CRL from another issuer")
    try:
        verify_crl_signature(crl_list, issuer)
    except EdsError as exc:
        return RevocationOutcome(STATUS_UNKNOWN, f"CRL signature does not verify: {exc}")
    this_update = tbs["this_update"].native
    next_update = tbs["next_update"].native
    if this_update > now + skew:
        return RevocationOutcome(STATUS_UNKNOWN, "CRL is dated in the future")
    if next_update is not None and next_update < moment:
        return RevocationOutcome(
            STATUS_UNKNOWN, f"CRL was stale at the signing time (nextUpdate {next_update})"
        )
    is_delta = any(
        extension["extn_id"].native == "delta_crl_indicator"
        for extension in tbs["crl_extensions"] or ()
    )
    serial = cert.serial_number
    evidence_for = format(serial, "x")
    entry = index.lookup(crl_list, serial)
    if entry is not None and entry[1] != "remove_from_crl":
        revoked_at, reason = entry
        if revoked_at <= moment:
            evidence = RevocationEvidence(
                "crl", crl_list.dump(), evidence_for, STATUS_REVOKED, revoked_at
            )
            return RevocationOutcome(
                STATUS_REVOKED,
                f"revoked by CRL on {revoked_at.isoformat()} (reason: {reason or 'unspecified'})",
                (evidence,),
                revoked_at,
            )
    if is_delta:
        # A delta CRL proves revocations, but "not listed" means nothing without its base CRL.
        return RevocationOutcome(STATUS_UNKNOWN, "only a delta CRL covers the certificate")
    evidence = RevocationEvidence("crl", crl_list.dump(), evidence_for, STATUS_GOOD)
    return RevocationOutcome(STATUS_GOOD, "not revoked according to the CRL", (evidence,))


def _matches_cert_id(
    cert_id: ocsp.CertId, cert: x509.Certificate, issuer: x509.Certificate
) -> bool:
    if cert_id["serial_number"].native != cert.serial_number:
        return False
    hash_name = _OCSP_CERT_ID_HASHES.get(cert_id["hash_algorithm"]["algorithm"].native)
    if hash_name is None:
        return False
    return cert_id["issuer_name_hash"].native == compute_digest(
        hash_name, issuer.subject.dump()
    ) and cert_id["issuer_key_hash"].native == compute_digest(
        hash_name, public_key_bits(spki_der(issuer))
    )


def _check_with_ocsp(
    cert: x509.Certificate,
    issuer: x509.Certificate,
    response: ocsp.OCSPResponse,
    moment: datetime,
    now: datetime,
    skew: timedelta,
) -> RevocationOutcome:
    try:
        responder = verify_ocsp_response_signature(response, issuer)
    except EdsError as exc:
        return RevocationOutcome(STATUS_UNKNOWN, f"OCSP response not trusted: {exc}")
    except (ValueError, KeyError) as exc:
        return RevocationOutcome(STATUS_UNKNOWN, f"OCSP response is malformed: {exc}")
    data = response.basic_ocsp_response["tbs_response_data"]
    produced_at = data["produced_at"].native
    if responder is not issuer and not (
        not_before(responder) <= produced_at <= not_after(responder)
    ):
        return RevocationOutcome(STATUS_UNKNOWN, "the OCSP responder certificate was not valid")
    for single in data["responses"]:
        if not _matches_cert_id(single["cert_id"], cert, issuer):
            continue
        this_update = single["this_update"].native
        next_update = single["next_update"].native
        if this_update > now + skew:
            return RevocationOutcome(STATUS_UNKNOWN, "OCSP response is dated in the future")
        if next_update is not None and next_update < moment:
            return RevocationOutcome(STATUS_UNKNOWN, "OCSP response was stale at signing time")
        status = single["cert_status"]
        serial = format(cert.serial_number, "x")
        if status.name == "revoked":
            revoked_at = status.chosen["revocation_time"].native
            reason = status.chosen["revocation_reason"].native
            if revoked_at <= moment:
                evidence = RevocationEvidence(
                    "ocsp", response.dump(), serial, STATUS_REVOKED, revoked_at
                )
                return RevocationOutcome(
                    STATUS_REVOKED,
                    f"revoked according to OCSP on {revoked_at.isoformat()} "
                    f"(reason: {reason or 'unspecified'})",
                    (evidence,),
                    revoked_at,
                )
            evidence = RevocationEvidence("ocsp", response.dump(), serial, STATUS_GOOD, revoked_at)
            return RevocationOutcome(
                STATUS_GOOD, "revoked by OCSP only after the signing time", (evidence,)
            )
        if status.name == "good":
            if next_update is None and this_update < moment - skew:
                # Without nextUpdate, a "good" issued before the signature says nothing about
                # the signing time (NCA's responder omits nextUpdate).
                return RevocationOutcome(STATUS_UNKNOWN, "OCSP response predates the signing time")
            evidence = RevocationEvidence("ocsp", response.dump(), serial, STATUS_GOOD)
            return RevocationOutcome(STATUS_GOOD, "good according to OCSP", (evidence,))
        return RevocationOutcome(STATUS_UNKNOWN, "OCSP responder does not know the certificate")
    return RevocationOutcome(STATUS_UNKNOWN, "OCSP response is about other certificates")


def check_revocation(
    cert: x509.Certificate,
    issuer: x509.Certificate,
    moment: datetime,
    now: datetime,
    crls: Iterable[crl.CertificateList],
    ocsp_responses: Iterable[ocsp.OCSPResponse],
    skew: timedelta = timedelta(minutes=5),
    crl_index: CrlIndexStore | None = None,
) -> RevocationOutcome:
    """The certificate's status at `moment` from all the data given; revoked wins over good,
    good wins over unknown."""
    outcomes = [
        _check_with_ocsp(cert, issuer, response, moment, now, skew) for response in ocsp_responses
    ]
    outcomes += [
        _check_with_crl(cert, issuer, crl_list, moment, now, skew, crl_index or process_crl_index)
        for crl_list in crls
        if crl_issuer(crl_list) == cert.issuer
    ]
    for wanted in (STATUS_REVOKED, STATUS_GOOD):
        for outcome in outcomes:
            if outcome.status == wanted:
                return outcome
    subject = cert.subject.human_friendly
    if not outcomes:
        return RevocationOutcome(STATUS_UNKNOWN, f"no CRL or OCSP response covers {subject!r}")
    reasons = "; ".join(sorted({outcome.reason for outcome in outcomes}))
    return RevocationOutcome(STATUS_UNKNOWN, f"revocation of {subject!r} unknown: {reasons}")
