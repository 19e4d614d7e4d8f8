"""Parsing CMS SignedData as NCALayer returns it, and checking one SignerInfo's signature."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from asn1crypto import cms, core, x509

from .algorithms import compute_digest, digest_name, verify_signature
from .certificates import spki_der, subject_key_identifier
from .errors import (
    InvalidSignatureError,
    MalformedSignatureError,
    NoSignerError,
    NotDerOrPemError,
    SignatureTooLargeError,
)

MAX_CMS_BYTES = 10 * 1024 * 1024

_PEM_ARMOR = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----(?P<body>.*?)-----END \1-----", re.DOTALL)


@dataclass(frozen=True)
class CmsSignature:
    """A parsed CMS SignedData with exactly one signer."""

    der: bytes  # the CMS as received, after removing PEM armor or base64
    received_format: str  # "pem" (NCALayer basics), "base64" (commonUtils) or "der"
    signed_data: cms.SignedData
    signer_info: cms.SignerInfo
    signer_certificate: x509.Certificate
    certificates: tuple[x509.Certificate, ...]

    @property
    def content_type(self) -> str:
        return self.signed_data["encap_content_info"]["content_type"].dotted

    @property
    def encapsulated_content(self) -> bytes | None:
        """The attached content, or None for a detached signature."""
        content = self.signed_data["encap_content_info"]["content"]
        if isinstance(content, core.Void) or content.contents is None:
            return None
        return bytes(content.contents)

    @property
    def signature_value(self) -> bytes:
        return self.signer_info["signature"].native

    def unsigned_attribute(self, name: str) -> list[object]:
        attributes = self.signer_info["unsigned_attrs"]
        if isinstance(attributes, core.Void):
            return []
        for attribute in attributes:
            if attribute["type"].native == name:
                return list(attribute["values"])
        return []


def decode_armor(blob: bytes | str, limit: int = MAX_CMS_BYTES) -> tuple[bytes, str]:
    """DER bytes of a CMS given as DER, PEM text or bare base64; and which of them it was."""
    if isinstance(blob, str):
        blob = blob.encode("utf-8", "replace")
    if len(blob) > limit:
        raise SignatureTooLargeError(
            f"the CMS is {len(blob)} bytes; at most {limit} bytes are accepted"
        )
    if blob[:1] == b"\x30":
        return bytes(blob), "der"
    stripped = blob.strip()
    match = _PEM_ARMOR.search(stripped)
    if match:
        body, received_format = match.group("body"), "pem"
    else:
        body, received_format = stripped, "base64"
    try:
        der = base64.b64decode(re.sub(rb"\s+", b"", body), validate=True)
    except (binascii.Error, ValueError):
        raise NotDerOrPemError("the CMS is neither DER, PEM nor base64") from None
    if der[:1] != b"\x30":
        raise NotDerOrPemError("the decoded CMS does not start with an ASN.1 SEQUENCE")
    return der, received_format


def parse_cms(blob: bytes | str, limit: int = MAX_CMS_BYTES) -> CmsSignature:
    der, received_format = decode_armor(blob, limit)
    try:
        content_info = cms.ContentInfo.load(der, strict=True)
        if content_info["content_type"].native != "signed_data":
            raise MalformedSignatureError(
                f"the CMS is {content_info['content_type'].native}, not signed data"
            )
        signed_data = content_info["content"]
        signer_infos = list(signed_data["signer_infos"])
        certificates = tuple(
            choice.chosen
            for choice in signed_data["certificates"] or ()
            if choice.name == "certificate"
        )
        for cert in certificates:
            cert["tbs_certificate"]["subject"].native  # noqa: B018 - force parsing now
    except (ValueError, TypeError, KeyError) as exc:
        raise NotDerOrPemError(f"the CMS is not a valid DER ContentInfo: {exc}") from None
    if not signer_infos:
        raise NoSignerError("the CMS has no signer")
    if len(signer_infos) > 1:
        raise MalformedSignatureError(f"the CMS has {len(signer_infos)} signers; one is expected")
    signer_info = signer_infos[0]
    signer_certificate = find_signer_certificate(signer_info, certificates)
    if signer_certificate is None:
        raise NoSignerError("the signer's certificate is not in the CMS")
    return CmsSignature(
        der=der,
        received_format=received_format,
        signed_data=signed_data,
        signer_info=signer_info,
        signer_certificate=signer_certificate,
        certificates=certificates,
    )


def find_signer_certificate(
    signer_info: cms.SignerInfo, certificates: tuple[x509.Certificate, ...]
) -> x509.Certificate | None:
    sid = signer_info["sid"]
    for cert in certificates:
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                cert.issuer == wanted["issuer"]
                and cert.serial_number == wanted["serial_number"].native
            ):
                return cert
        elif subject_key_identifier(cert) == sid.chosen.native:
            return cert
    return None


def _signed_attribute(signer_info: cms.SignerInfo, name: str) -> object | None:
    for attribute in signer_info["signed_attrs"]:
        if attribute["type"].native == name:
            values = attribute["values"]
            if len(values) != 1:
                raise MalformedSignatureError(f"signed attribute {name} must have one value")
            return values[0]
    return None


def verify_signer_info(
    signer_info: cms.SignerInfo,
    certificate: x509.Certificate,
    content: bytes,
    content_type: str,
) -> str:
    """Check the signer's signature over `content`; return the algorithm name.

    With signed attributes the signature covers their DER (as received, re-tagged as a SET)
    and the messageDigest attribute binds the content; without them it covers the content.
    """
    digest_oid = signer_info["digest_algorithm"]["algorithm"].dotted
    signature_oid = signer_info["signature_algorithm"]["algorithm"].dotted
    signature = signer_info["signature"].native
    signed_attrs = signer_info["signed_attrs"]
    if isinstance(signed_attrs, core.Void) or len(signed_attrs) == 0:
        return verify_signature(
            spki_der(certificate), signature_oid, signature, content, digest_oid
        )
    name = digest_name(digest_oid)
    message_digest = _signed_attribute(signer_info, "message_digest")
    signed_content_type = _signed_attribute(signer_info, "content_type")
    if message_digest is None or signed_content_type is None:
        raise MalformedSignatureError("signed attributes lack message-digest or content-type")
    if signed_content_type.dotted != content_type:
        raise InvalidSignatureError("the signed content-type does not match the content")
    if message_digest.native != compute_digest(name, content):
        raise InvalidSignatureError("the signed message digest does not match the signed bytes")
    signed_attrs_der = b"\x31" + signed_attrs.dump()[1:]
    return verify_signature(
        spki_der(certificate), signature_oid, signature, signed_attrs_der, digest_oid
    )
