"""Loading certificates, reading their extensions defensively, and NCA signer identity."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import pem, x509

from . import oids

_EXTENSION_CACHE_ATTR = "_eds_extensions"


def load_certificate(data: bytes | x509.Certificate) -> x509.Certificate:
    if isinstance(data, x509.Certificate):
        return data
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return x509.Certificate.load(data)


def load_certificates(items: object) -> list[x509.Certificate]:
    """Certificates from DER/PEM bytes, Certificate objects, or PEM bundles."""
    result: list[x509.Certificate] = []
    for item in items or ():  # type: ignore[attr-defined]
        if isinstance(item, bytes | bytearray) and pem.detect(bytes(item)):
            result.extend(x509.Certificate.load(der) for _, _, der in pem.unarmor(item, True))
        else:
            result.append(load_certificate(bytes(item) if isinstance(item, bytearray) else item))
    return result


def fingerprint_sha256(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.dump()).hexdigest()


def normalise_fingerprint(value: str) -> str:
    """Accept 'AB:CD…', 'ab cd…' or plain hex; pins compare as lowercase hex."""
    cleaned = re.sub(r"[\s:]", "", value).lower()
    if not re.fullmatch(r"[0-9a-f]{64}", cleaned):
        raise ValueError(f"not a SHA-256 fingerprint: {value!r}")
    return cleaned


def extensions(cert: x509.Certificate) -> dict[str, object]:
    """Parsed extensions by name or dotted OID; unparsable ones map to None.

    asn1crypto parses all extensions at once and gives up on the first odd one (NCA's RSA OCSP
    responder certificate has one), so each is parsed on its own here.
    """
    cached = getattr(cert, _EXTENSION_CACHE_ATTR, None)
    if cached is not None:
        return cached
    parsed: dict[str, object] = {}
    for extension in cert["tbs_certificate"]["extensions"]:
        name = extension["extn_id"].native
        try:
            parsed[name] = extension["extn_value"].parsed
        except ValueError:
            parsed[name] = None
    setattr(cert, _EXTENSION_CACHE_ATTR, parsed)
    return parsed


def key_usage(cert: x509.Certificate) -> set[str] | None:
    value = extensions(cert).get("key_usage")
    return set(value.native) if value is not None else None


def extended_key_usage(cert: x509.Certificate) -> list[str]:
    value = extensions(cert).get("extended_key_usage")
    if value is None:
        return []
    return [purpose.dotted for purpose in value]


def certificate_policies(cert: x509.Certificate) -> list[str]:
    value = extensions(cert).get("certificate_policies")
    if value is None:
        return []
    return [policy["policy_identifier"].dotted for policy in value]


def is_ca(cert: x509.Certificate) -> bool:
    value = extensions(cert).get("basic_constraints")
    return bool(value is not None and value["ca"].native)


def subject_key_identifier(cert: x509.Certificate) -> bytes | None:
    value = extensions(cert).get("key_identifier")
    return value.native if value is not None else None


def authority_key_identifier(cert: x509.Certificate) -> bytes | None:
    value = extensions(cert).get("authority_key_identifier")
    if value is None:
        return None
    return value["key_identifier"].native


def spki_der(cert: x509.Certificate) -> bytes:
    return cert["tbs_certificate"]["subject_public_key_info"].dump()


def serial_hex(cert: x509.Certificate) -> str:
    return format(cert["tbs_certificate"]["serial_number"].native, "x")


def not_before(cert: x509.Certificate) -> datetime:
    return cert["tbs_certificate"]["validity"]["not_before"].native


def not_after(cert: x509.Certificate) -> datetime:
    return cert["tbs_certificate"]["validity"]["not_after"].native


def to_pem(cert: x509.Certificate) -> str:
    body = base64.encodebytes(cert.dump()).decode("ascii")
    return f"-----BEGIN CERTIFICATE-----\n{body}-----END CERTIFICATE-----\n"


@dataclass(frozen=True)
class SignerIdentity:
    """Who signed, as NCA RK writes it into the certificate (eds.md §2.1)."""

    common_name: str | None  # "SURNAME NAME"
    surname: str | None
    patronymic: str | None  # NCA stores it in givenName (G)
    iin: str | None
    bin: str | None
    organisation: str | None
    email: str | None
    country: str | None
    subject: str
    issuer: str
    certificate_serial: str  # lowercase hex
    certificate_sha256: str
    not_before: datetime
    not_after: datetime
    algorithm: str
    key_usage: tuple[str, ...]
    extended_key_usage: tuple[str, ...]
    policies: tuple[str, ...]

    @property
    def full_name(self) -> str | None:
        parts = [part for part in (self.common_name, self.patronymic) if part]
        return " ".join(parts) or None


def _first_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # several attributes of one type: keep the first
        value = value[0] if value else None
    return str(value) if value is not None else None


def _strip_prefix(value: str | None, prefix: str) -> str | None:
    if value and value.upper().startswith(prefix):
        digits = value[len(prefix) :]
        return digits if digits.isdigit() else None
    return None


def signer_identity(cert: x509.Certificate, algorithm: str) -> SignerIdentity:
    subject = cert.subject.native
    iin = _strip_prefix(_first_text(subject.get("serial_number")), "IIN")
    organisational_units = subject.get("organizational_unit_name")
    if not isinstance(organisational_units, list):
        organisational_units = [organisational_units] if organisational_units else []
    bin_number = next(
        (b for b in (_strip_prefix(str(ou), "BIN") for ou in organisational_units) if b), None
    )
    usage = key_usage(cert)
    return SignerIdentity(
        common_name=_first_text(subject.get("common_name")),
        surname=_first_text(subject.get("surname")),
        patronymic=_first_text(subject.get("given_name")),
        iin=iin,
        bin=bin_number,
        organisation=_first_text(subject.get("organization_name")),
        email=_first_text(subject.get("email_address")),
        country=_first_text(subject.get("country_name")),
        subject=cert.subject.human_friendly,
        issuer=cert.issuer.human_friendly,
        certificate_serial=serial_hex(cert),
        certificate_sha256=fingerprint_sha256(cert),
        not_before=not_before(cert),
        not_after=not_after(cert),
        algorithm=algorithm,
        key_usage=tuple(sorted(usage or ())),
        extended_key_usage=tuple(extended_key_usage(cert)),
        policies=tuple(certificate_policies(cert)),
    )


def signing_key_problem(cert: x509.Certificate, require_email_protection: bool) -> str | None:
    """Why this certificate is not an NCA signing key, or None when it is one.

    NCA marks signing keys with digitalSignature + nonRepudiation and EKU emailProtection;
    authentication keys carry digitalSignature + keyEncipherment and EKU clientAuth. Newer
    combined keys have all three key-usage bits and are accepted (eds.md §2.2).
    """
    usage = key_usage(cert)
    if usage is None:
        return "the certificate has no key usage extension"
    missing = {"digital_signature", "non_repudiation"} - usage
    if missing:
        kind = "an authentication key" if "key_encipherment" in usage else "not a signing key"
        return f"{kind}: key usage lacks {', '.join(sorted(missing))}"
    purposes = extended_key_usage(cert)
    if require_email_protection and purposes and oids.EKU_EMAIL_PROTECTION not in purposes:
        return "extended key usage lacks emailProtection (NCA's signing purpose)"
    return None
