"""An NCA-like test PKI (RSA and KZ GOST-2015): CAs, signers, CRLs, OCSP, a TSA, and CMS
signing as NCALayer would do it.

For tests, benchmarks and the fake NCALayer only: keys are generated in memory and nothing
here is ever used to verify anything.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from asn1crypto import algos, cms, core, crl, keys, ocsp, tsp, x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from . import oids
from .algorithms import DIGEST_OIDS, AlgorithmIdentifier, RawPublicKeyInfo, compute_digest
from .gost import TC26_512_A

SIGNING_KEY_USAGE = frozenset({"digital_signature", "non_repudiation"})
AUTH_KEY_USAGE = frozenset({"digital_signature", "key_encipherment"})
SIGNING_EKU = (oids.EKU_EMAIL_PROTECTION, oids.ROLE_INDIVIDUAL)
AUTH_EKU = (oids.EKU_CLIENT_AUTH, oids.ROLE_INDIVIDUAL)


class TestKey:
    __test__ = False  # not a pytest test class
    spki_der: bytes
    signature_algorithm: str  # OID used in certificates, CRLs and OCSP
    digest_algorithm: str  # OID of the digest for CMS

    def sign(self, data: bytes) -> bytes:
        raise NotImplementedError

    @property
    def key_bits(self) -> bytes:
        return bytes(RawPublicKeyInfo.load(self.spki_der)["public_key"].contents[1:])


class RsaTestKey(TestKey):
    signature_algorithm = "1.2.840.113549.1.1.11"
    digest_algorithm = DIGEST_OIDS["sha256"]

    def __init__(self, bits: int = 2048) -> None:
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
        self.spki_der = self.private_key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data, padding.PKCS1v15(), hashes.SHA256())


class GostTestKey(TestKey):
    """A KZ GOST 34.10-2015/512 key in NCA's encoding (x_LE‖y_LE key, r_LE‖s_LE signature)."""

    signature_algorithm = oids.KZ_GOST2015_512_SIGNATURE
    digest_algorithm = oids.KZ_STREEBOG_512

    def __init__(self) -> None:
        curve = TC26_512_A
        self.private_key = secrets.randbelow(curve.q - 1) + 1
        x, y = curve.public_key(self.private_key)
        point = core.OctetString(x.to_bytes(64, "little") + y.to_bytes(64, "little")).dump()
        # NCA's parameters: SEQUENCE { parameter-set OID, digest OID }.
        parameters = core.Any.load(
            _sequence_of_oids(oids.KZ_GOST2015_512_PARAMS_A, oids.KZ_STREEBOG_512)
        )
        self.spki_der = RawPublicKeyInfo(
            {
                "algorithm": AlgorithmIdentifier(
                    {"algorithm": oids.KZ_GOST2015_512_KEY, "parameters": parameters}
                ),
                "public_key": core.BitString.load(
                    b"\x03" + _der_length(len(point) + 1) + b"\x00" + point
                ),
            }
        ).dump()

    def sign(self, data: bytes) -> bytes:
        e = int.from_bytes(compute_digest("streebog512", data), "little")
        r, s = TC26_512_A.sign(self.private_key, e)
        return r.to_bytes(64, "little") + s.to_bytes(64, "little")


class LegacyGostTestKey(TestKey):
    """Looks like a GOST 34.310-2004 key; its 'signatures' are random (never verifiable)."""

    signature_algorithm = oids.KZ_GOST2004_SIGNATURE
    digest_algorithm = oids.KZ_GOST2004_DIGEST

    def __init__(self) -> None:
        point = core.OctetString(secrets.token_bytes(64)).dump()
        self.spki_der = RawPublicKeyInfo(
            {
                "algorithm": AlgorithmIdentifier({"algorithm": oids.KZ_GOST2004_KEY}),
                "public_key": core.BitString.load(
                    b"\x03" + _der_length(len(point) + 1) + b"\x00" + point
                ),
            }
        ).dump()

    def sign(self, data: bytes) -> bytes:
        return secrets.token_bytes(64)


def random_serial(bits: int) -> int:
    """A random positive serial that always takes the same number of DER bytes (top bit clear,
    the next one set): an object's length then depends on its names and keys, never on chance,
    so a test that needs a certain length (eds/asn1_patch.py) gets it every time."""
    return secrets.randbits(bits - 2) | (1 << (bits - 2))


def _der_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    encoded = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(encoded)]) + encoded


def _sequence_of_oids(*dotted: str) -> bytes:
    body = b"".join(core.ObjectIdentifier(value).dump() for value in dotted)
    return b"\x30" + _der_length(len(body)) + body


def _algorithm(oid: str) -> algos.SignedDigestAlgorithm:
    if oid.startswith("1.2.840.113549.1.1."):
        return algos.SignedDigestAlgorithm({"algorithm": oid, "parameters": core.Null()})
    return algos.SignedDigestAlgorithm({"algorithm": oid})


def _time(moment: datetime) -> x509.Time:
    if moment.year >= 2050:
        return x509.Time(name="general_time", value=moment)
    return x509.Time(name="utc_time", value=moment)


@dataclass(frozen=True)
class IssuedCertificate:
    certificate: x509.Certificate
    key: TestKey

    @property
    def der(self) -> bytes:
        return self.certificate.dump()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.der).hexdigest()

    @property
    def serial(self) -> int:
        return self.certificate.serial_number


def issue_certificate(
    subject: dict[str, str],
    key: TestKey,
    issuer: IssuedCertificate | None = None,
    *,
    not_before: datetime,
    not_after: datetime,
    ca: bool = False,
    key_usage: Iterable[str] = (),
    extended_key_usage: Sequence[str] = (),
    policies: Sequence[str] = (),
    serial: int | None = None,
    ocsp_url: str | None = None,
    explicit_defaults: bool = False,
) -> IssuedCertificate:
    """A certificate for `key`, signed by `issuer` (self-signed when None); `ocsp_url` goes
    into the AIA extension, as NCA names its responder. `explicit_defaults` writes cA FALSE
    out instead of omitting it, as some CAs do although DER forbids it: such bytes must be
    verified as received, never re-encoded."""
    subject_name = x509.Name.build(subject)
    signer_key = issuer.key if issuer else key
    issuer_name = issuer.certificate.subject if issuer else subject_name
    key_id = hashlib.sha1(key.key_bits).digest()  # noqa: S324 - RFC 5280 key identifier method
    authority_key_id = hashlib.sha1(signer_key.key_bits).digest()  # noqa: S324
    extensions = [
        {
            "extn_id": "basic_constraints",
            "critical": True,
            "extn_value": (
                x509.BasicConstraints.load(b"\x30\x03\x01\x01\x00")  # SEQUENCE { FALSE }
                if explicit_defaults and not ca
                else {"ca": ca}
            ),
        },
        {"extn_id": "key_identifier", "critical": False, "extn_value": key_id},
        {
            "extn_id": "authority_key_identifier",
            "critical": False,
            "extn_value": {"key_identifier": authority_key_id},
        },
    ]
    usage = set(key_usage) or ({"key_cert_sign", "crl_sign"} if ca else set())
    if usage:
        extensions.append({"extn_id": "key_usage", "critical": True, "extn_value": usage})
    if extended_key_usage:
        extensions.append(
            {
                "extn_id": "extended_key_usage",
                "critical": False,
                "extn_value": list(extended_key_usage),
            }
        )
    if policies:
        extensions.append(
            {
                "extn_id": "certificate_policies",
                "critical": False,
                "extn_value": [{"policy_identifier": policy} for policy in policies],
            }
        )
    if ocsp_url:
        extensions.append(
            {
                "extn_id": "authority_information_access",
                "critical": False,
                "extn_value": [
                    {
                        "access_method": "ocsp",
                        "access_location": {"uniform_resource_identifier": ocsp_url},
                    }
                ],
            }
        )
    tbs = x509.TbsCertificate(
        {
            "version": "v3",
            "serial_number": serial or random_serial(120),
            "signature": _algorithm(signer_key.signature_algorithm),
            "issuer": issuer_name,
            "validity": {"not_before": _time(not_before), "not_after": _time(not_after)},
            "subject": subject_name,
            "subject_public_key_info": keys.PublicKeyInfo.load(key.spki_der),
            "extensions": extensions,
        }
    )
    certificate = x509.Certificate(
        {
            "tbs_certificate": tbs,
            "signature_algorithm": _algorithm(signer_key.signature_algorithm),
            "signature_value": signer_key.sign(tbs.dump()),
        }
    )
    return IssuedCertificate(x509.Certificate.load(certificate.dump()), key)


def issue_crl(
    issuer: IssuedCertificate,
    revoked: Iterable[tuple[int, datetime]] = (),
    *,
    this_update: datetime,
    next_update: datetime,
    number: int = 1,
) -> bytes:
    # The entries are written as DER directly: building NCA-sized CRLs (150,000 entries)
    # entry by entry through asn1crypto takes minutes.
    reason = crl.CRLEntryExtensions(
        [{"extn_id": "crl_reason", "extn_value": "key_compromise"}]
    ).dump()
    encoded = []
    for serial, when in revoked:
        body = core.Integer(serial).dump() + _time(when).dump() + reason
        encoded.append(b"\x30" + _der_length(len(body)) + body)
    content = b"".join(encoded)
    entries = (
        crl.RevokedCertificates.load(b"\x30" + _der_length(len(content)) + content)
        if encoded
        else None
    )
    tbs = crl.TbsCertList(
        {
            "version": "v2",
            "signature": _algorithm(issuer.key.signature_algorithm),
            "issuer": issuer.certificate.subject,
            "this_update": _time(this_update),
            "next_update": _time(next_update),
            "revoked_certificates": entries,
            "crl_extensions": [{"extn_id": "crl_number", "extn_value": number}],
        }
    )
    return crl.CertificateList(
        {
            "tbs_cert_list": tbs,
            "signature_algorithm": _algorithm(issuer.key.signature_algorithm),
            "signature": issuer.key.sign(tbs.dump()),
        }
    ).dump()


def issue_ocsp_response(
    issuer: IssuedCertificate,
    responder: IssuedCertificate,
    certificate: IssuedCertificate,
    *,
    produced_at: datetime,
    revoked_at: datetime | None = None,
    nonce: bytes | None = None,
) -> bytes:
    """A basic OCSP response about `certificate` by `responder` (the CA itself or a delegated
    responder it certified), with a SHA-256 CertID as NCA's responder answers."""
    cert_id = {
        "hash_algorithm": {"algorithm": "sha256"},
        "issuer_name_hash": hashlib.sha256(issuer.certificate.subject.dump()).digest(),
        "issuer_key_hash": hashlib.sha256(issuer.key.key_bits).digest(),
        "serial_number": certificate.serial,
    }
    if revoked_at is None:
        status = ocsp.CertStatus(name="good", value=core.Null())
    else:
        status = ocsp.CertStatus(
            name="revoked",
            value={"revocation_time": revoked_at, "revocation_reason": "key_compromise"},
        )
    data = ocsp.ResponseData(
        {
            "responder_id": ocsp.ResponderId(
                name="by_key",
                value=hashlib.sha1(responder.key.key_bits).digest(),  # noqa: S324 - RFC 6960
            ),
            "produced_at": produced_at,
            "responses": [{"cert_id": cert_id, "cert_status": status, "this_update": produced_at}],
            "response_extensions": (
                [{"extn_id": "nonce", "extn_value": nonce}] if nonce is not None else None
            ),
        }
    )
    basic = ocsp.BasicOCSPResponse(
        {
            "tbs_response_data": data,
            "signature_algorithm": _algorithm(responder.key.signature_algorithm),
            "signature": responder.key.sign(data.dump()),
            "certs": [responder.certificate] if responder is not issuer else None,
        }
    )
    return ocsp.OCSPResponse(
        {
            "response_status": "successful",
            "response_bytes": {"response_type": "basic_ocsp_response", "response": basic},
        }
    ).dump()


def _signer_info(
    signer: IssuedCertificate,
    content: bytes,
    content_type: str,
    signed_attributes: bool,
    signing_time: datetime,
) -> cms.SignerInfo:
    digest_oid = signer.key.digest_algorithm
    if signed_attributes:
        digest = compute_digest(_digest_name(digest_oid), content)
        attrs = cms.CMSAttributes(
            [
                {"type": "content_type", "values": [content_type]},
                {"type": "message_digest", "values": [digest]},
                {"type": "signing_time", "values": [cms.Time(name="utc_time", value=signing_time)]},
            ]
        )
        signature = signer.key.sign(attrs.dump())
    else:
        attrs = None
        signature = signer.key.sign(content)
    return cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                name="issuer_and_serial_number",
                value={"issuer": signer.certificate.issuer, "serial_number": signer.serial},
            ),
            "digest_algorithm": {"algorithm": digest_oid},
            "signed_attrs": attrs,
            "signature_algorithm": _algorithm(signer.key.signature_algorithm),
            "signature": signature,
        }
    )


def _digest_name(digest_oid: str) -> str:
    names = {oid: name for name, oid in DIGEST_OIDS.items()}
    return names.get(digest_oid, "sha256")


def issue_timestamp_token(
    tsa: IssuedCertificate,
    stamped: bytes,
    *,
    gen_time: datetime,
    digest: str = "sha256",
    extra_certificates: Iterable[IssuedCertificate] = (),
) -> cms.ContentInfo:
    """An RFC 3161 token over `stamped` (a CMS signature value) signed by the TSA."""
    tst_info = tsp.TSTInfo(
        {
            "version": "v1",
            "policy": "1.2.398.3.3.2.6.1",
            "message_imprint": {
                "hash_algorithm": {"algorithm": DIGEST_OIDS[digest]},
                "hashed_message": compute_digest(digest, stamped),
            },
            "serial_number": random_serial(64),
            "gen_time": gen_time,
        }
    )
    signer_info = _signer_info(tsa, tst_info.dump(), "tst_info", True, gen_time)
    signed_data = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": tsa.key.digest_algorithm}],
            "encap_content_info": {"content_type": "tst_info", "content": tst_info},
            "certificates": [tsa.certificate, *(c.certificate for c in extra_certificates)],
            "signer_infos": [signer_info],
        }
    )
    return cms.ContentInfo({"content_type": "signed_data", "content": signed_data})


def sign_cms(
    data: bytes,
    signer: IssuedCertificate,
    *,
    detached: bool = True,
    signed_attributes: bool = True,
    tsa: IssuedCertificate | None = None,
    timestamp_time: datetime | None = None,
    extra_certificates: Iterable[IssuedCertificate] = (),
    output: str = "pem",
) -> bytes | str:
    """A CMS like NCALayer's `basics.sign` ("pem") or `commonUtils` ("base64"), or raw DER."""
    # Whole seconds: a fraction would give the GeneralizedTime, and so the CMS, a varying length.
    now = timestamp_time or datetime.now(UTC).replace(microsecond=0)
    signer_info = _signer_info(signer, data, "data", signed_attributes, now)
    if tsa is not None:
        token = issue_timestamp_token(tsa, signer_info["signature"].native, gen_time=now)
        signer_info["unsigned_attrs"] = [{"type": "signature_time_stamp_token", "values": [token]}]
    signed_data = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [{"algorithm": signer.key.digest_algorithm}],
            "encap_content_info": {"content_type": "data", "content": None if detached else data},
            "certificates": [signer.certificate, *(c.certificate for c in extra_certificates)],
            "signer_infos": [signer_info],
        }
    )
    der = cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump()
    if output == "der":
        return der
    body = base64.b64encode(der).decode("ascii")
    if output == "base64":
        return body
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    return f"-----BEGIN CMS-----\n{lines}\n-----END CMS-----\n"


def nca_subject(common_name: str, iin: str | None = None, **extra: str) -> dict[str, str]:
    """A subject laid out as NCA does: CN "SURNAME NAME", SERIALNUMBER "IIN…", C KZ."""
    subject = {"common_name": common_name, "country_name": "KZ"}
    if iin:
        subject["serial_number"] = f"IIN{iin}"
    subject.update(extra)
    return subject


@dataclass
class TestPki:
    """Root → intermediate → end entities for one algorithm family, plus an OCSP responder and
    a TSA under a separate TSA root, all valid around `now`."""

    __test__ = False  # not a pytest test class

    root: IssuedCertificate
    intermediate: IssuedCertificate
    ocsp_responder: IssuedCertificate
    tsa_root: IssuedCertificate
    tsa: IssuedCertificate
    now: datetime
    key_factory: type[TestKey]
    label: str

    @classmethod
    def create(
        cls,
        key_factory: type[TestKey] = RsaTestKey,
        now: datetime | None = None,
        label: str = "RSA",
    ) -> TestPki:
        now = (now or datetime.now(UTC)).replace(microsecond=0)
        start, end = now - timedelta(days=365), now + timedelta(days=3650)
        root = issue_certificate(
            nca_subject(f"НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ ({label}) TEST"),
            key_factory(),
            not_before=start,
            not_after=end,
            ca=True,
        )
        intermediate = issue_certificate(
            nca_subject(f"ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ ({label}) TEST"),
            key_factory(),
            root,
            not_before=start,
            not_after=end,
            ca=True,
            policies=("1.2.398.3.3.2",),
        )
        responder = issue_certificate(
            nca_subject("OCSP RESPONDER"),
            key_factory(),
            intermediate,
            not_before=start,
            not_after=end,
            key_usage={"digital_signature"},
            extended_key_usage=(oids.EKU_OCSP_SIGNING,),
        )
        # The TSA has its own root, as trust in it is configured separately.
        tsa_root = issue_certificate(
            nca_subject(f"TSA ROOT ({label}) TEST"),
            key_factory(),
            not_before=start,
            not_after=end,
            ca=True,
        )
        tsa = issue_certificate(
            nca_subject(f"TSA ({label}) TEST"),
            key_factory(),
            tsa_root,
            not_before=start,
            not_after=end,
            key_usage={"digital_signature", "non_repudiation"},
            extended_key_usage=(oids.EKU_TIME_STAMPING,),
        )
        return cls(root, intermediate, responder, tsa_root, tsa, now, key_factory, label)

    def issue_person(
        self,
        iin: str,
        *,
        name: str = "ТЕСТОВ ТЕСТ",
        authentication: bool = False,
        not_before: datetime | None = None,
        not_after: datetime | None = None,
        key: TestKey | None = None,
        issuer: IssuedCertificate | None = None,
        ocsp_url: str | None = None,
        serial: int | None = None,
        explicit_defaults: bool = False,
        **subject: str,
    ) -> IssuedCertificate:
        """An individual's signing key (or, with `authentication`, the AUTH key)."""
        subject.setdefault("surname", name.split()[0])
        subject.setdefault("given_name", "ТЕСТОВИЧ")
        return issue_certificate(
            nca_subject(name, iin, **subject),
            key or self.key_factory(),
            issuer or self.intermediate,
            not_before=not_before or self.now - timedelta(days=30),
            not_after=not_after or self.now + timedelta(days=335),
            key_usage=AUTH_KEY_USAGE if authentication else SIGNING_KEY_USAGE,
            extended_key_usage=AUTH_EKU if authentication else SIGNING_EKU,
            policies=("1.2.398.3.3.2.4",) if authentication else ("1.2.398.3.3.2.3",),
            serial=serial,
            ocsp_url=ocsp_url,
            explicit_defaults=explicit_defaults,
        )

    def crl(
        self,
        issuer: IssuedCertificate | None = None,
        revoked: Iterable[tuple[int, datetime]] = (),
    ) -> bytes:
        return issue_crl(
            issuer or self.intermediate,
            revoked,
            this_update=self.now - timedelta(hours=1),
            next_update=self.now + timedelta(days=1),
        )

    def ocsp(
        self,
        certificate: IssuedCertificate,
        revoked_at: datetime | None = None,
        produced_at: datetime | None = None,
    ) -> bytes:
        return issue_ocsp_response(
            self.intermediate,
            self.ocsp_responder,
            certificate,
            produced_at=produced_at or self.now + timedelta(minutes=1),
            revoked_at=revoked_at,
        )
