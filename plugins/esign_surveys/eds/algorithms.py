"""Digests and signature checks for the two live NCA branches: RSA and GOST 34.10-2015.

`verify_signature` is the one primitive the rest of the library uses for certificates, CRLs,
OCSP responses, CMS signer infos and timestamp tokens, so both branches get the same checks.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from threading import Lock

from asn1crypto import core
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from gostcrypto import gosthash

from . import oids
from .errors import InvalidSignatureError, UnsupportedAlgorithmError
from .gost import TC26_256_A, TC26_512_A, GostCurve

ALGORITHM_RSA = "RSA"
ALGORITHM_GOST2015_512 = "GOST34.10-2015-512"
ALGORITHM_GOST2015_256 = "GOST34.10-2015-256"
ALGORITHM_GOST2004 = "GOST34.310-2004"

_DIGEST_NAMES = {
    "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384",
    "2.16.840.1.101.3.4.2.3": "sha512",
    "1.3.14.3.2.26": "sha1",
    oids.KZ_STREEBOG_512: "streebog512",
    oids.KZ_STREEBOG_256: "streebog256",
}
DIGEST_OIDS = {name: oid for oid, name in _DIGEST_NAMES.items()}

_RSA_SIGNATURE_DIGESTS = {
    "1.2.840.113549.1.1.11": "sha256",
    "1.2.840.113549.1.1.12": "sha384",
    "1.2.840.113549.1.1.13": "sha512",
    "1.2.840.113549.1.1.5": "sha1",
}
_PYCA_HASHES = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
    "sha1": hashes.SHA1,
}


@dataclass(frozen=True)
class _GostProfile:
    algorithm: str
    curve: GostCurve
    digest: str
    signature_oid: str


_GOST_PROFILES = {
    oids.KZ_GOST2015_512_KEY: _GostProfile(
        ALGORITHM_GOST2015_512, TC26_512_A, "streebog512", oids.KZ_GOST2015_512_SIGNATURE
    ),
    oids.KZ_GOST2015_256_KEY: _GostProfile(
        ALGORITHM_GOST2015_256, TC26_256_A, "streebog256", oids.KZ_GOST2015_256_SIGNATURE
    ),
}
_GOST_PARAMETER_SETS = {
    oids.KZ_GOST2015_512_KEY: {oids.KZ_GOST2015_512_PARAMS_A},
    oids.KZ_GOST2015_256_KEY: {oids.KZ_GOST2015_256_PARAMS_A},
}
_LEGACY_GOST_OIDS = {oids.KZ_GOST2004_KEY, oids.KZ_GOST2004_SIGNATURE, oids.KZ_GOST2004_DIGEST}


class AlgorithmIdentifier(core.Sequence):
    """An AlgorithmIdentifier whose parameters stay opaque: asn1crypto's own classes raise
    KeyError on NCA's GOST OIDs."""

    _fields = [
        ("algorithm", core.ObjectIdentifier),
        ("parameters", core.Any, {"optional": True}),
    ]


class RawPublicKeyInfo(core.Sequence):
    _fields = [("algorithm", AlgorithmIdentifier), ("public_key", core.BitString)]


def digest_name(digest_oid: str) -> str:
    if digest_oid in _LEGACY_GOST_OIDS:
        raise UnsupportedAlgorithmError("legacy GOST 34.311-95 digest (GOST-2004 key)")
    try:
        return _DIGEST_NAMES[digest_oid]
    except KeyError:
        raise UnsupportedAlgorithmError(f"unknown digest algorithm {digest_oid}") from None


def compute_digest(name: str, data: bytes) -> bytes:
    if name.startswith("streebog"):
        return bytes(gosthash.new(name, data=data).digest())
    return hashlib.new(name, data).digest()


def public_key_bits(spki_der: bytes) -> bytes:
    """The content of the SubjectPublicKey BIT STRING (what OCSP's issuerKeyHash hashes)."""
    return bytes(RawPublicKeyInfo.load(spki_der)["public_key"].contents[1:])


def describe_key_algorithm(spki_der: bytes) -> str:
    """A name for the key's algorithm, also for unsupported ones (for the evidence record)."""
    try:
        return key_algorithm(spki_der)
    except UnsupportedAlgorithmError:
        oid = RawPublicKeyInfo.load(spki_der)["algorithm"]["algorithm"].dotted
        return ALGORITHM_GOST2004 if oid in _LEGACY_GOST_OIDS else oid


def key_algorithm(spki_der: bytes) -> str:
    """Name of the key's algorithm family; raises UnsupportedAlgorithmError for the rest."""
    oid = RawPublicKeyInfo.load(spki_der)["algorithm"]["algorithm"].dotted
    if oid == oids.RSA_ENCRYPTION:
        return ALGORITHM_RSA
    if oid in _GOST_PROFILES:
        return _GOST_PROFILES[oid].algorithm
    if oid in _LEGACY_GOST_OIDS:
        raise UnsupportedAlgorithmError("legacy GOST 34.310-2004 key is not supported")
    raise UnsupportedAlgorithmError(f"unsupported public key algorithm {oid}")


@lru_cache(maxsize=256)
def _load_public_key(spki_der: bytes) -> rsa.RSAPublicKey | tuple[_GostProfile, tuple[int, int]]:
    info = RawPublicKeyInfo.load(spki_der)
    oid = info["algorithm"]["algorithm"].dotted
    if oid == oids.RSA_ENCRYPTION:
        key = serialization.load_der_public_key(spki_der)
        if not isinstance(key, rsa.RSAPublicKey):
            raise UnsupportedAlgorithmError("rsaEncryption key that is not RSA")
        return key
    if oid in _GOST_PROFILES:
        profile = _GOST_PROFILES[oid]
        _check_gost_parameters(oid, info["algorithm"]["parameters"])
        # NCA wraps the point in an OCTET STRING as x_LE || y_LE (as RFC 4491 does).
        point = core.OctetString.load(bytes(info["public_key"].contents[1:])).native
        size = profile.curve.size_bytes
        if len(point) != 2 * size:
            raise InvalidSignatureError("GOST public key has the wrong length")
        x = int.from_bytes(point[:size], "little")
        y = int.from_bytes(point[size:], "little")
        if not profile.curve.is_on_curve(x, y):
            raise InvalidSignatureError("GOST public key is not on its curve")
        return profile, (x, y)
    key_algorithm(spki_der)  # raises the right UnsupportedAlgorithmError
    raise UnsupportedAlgorithmError(oid)


def _check_gost_parameters(key_oid: str, parameters: core.Any) -> None:
    if parameters.native is None:
        return  # parameters omitted: the key OID fixes the curve
    parsed = parameters.parsed
    first = parsed[0] if isinstance(parsed, core.Sequence) else parsed
    dotted = getattr(first, "dotted", None)
    if dotted not in _GOST_PARAMETER_SETS[key_oid]:
        raise UnsupportedAlgorithmError(f"unsupported GOST parameter set {dotted}")


class _VerifiedCache:
    """Remembers signatures that verified, keyed by a hash of key, data and signature.

    Intermediate certificates and CRLs are the same across many signatures, and pure-Python
    Streebog over a large CRL is slow; a positive result cannot go stale, so caching is safe.
    """

    def __init__(self, size: int = 2048) -> None:
        self._entries: OrderedDict[bytes, None] = OrderedDict()
        self._size = size
        self._lock = Lock()
        self.enabled = True

    @staticmethod
    def key(*parts: bytes) -> bytes:
        digest = hashlib.sha256()
        for part in parts:
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        return digest.digest()

    def __contains__(self, key: bytes) -> bool:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return True
            return False

    def add(self, key: bytes) -> None:
        with self._lock:
            self._entries[key] = None
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


verified_signatures = _VerifiedCache()


def verify_signature(
    spki_der: bytes,
    signature_algorithm_oid: str,
    signature: bytes,
    data: bytes,
    digest_algorithm_oid: str | None = None,
) -> str:
    """Check `signature` over `data` with the key in `spki_der`; return the algorithm name.

    `digest_algorithm_oid` is needed where the signature OID names only the key type
    (rsaEncryption in a CMS SignerInfo). Raises InvalidSignatureError or
    UnsupportedAlgorithmError.
    """
    if signature_algorithm_oid in _LEGACY_GOST_OIDS:
        raise UnsupportedAlgorithmError("legacy GOST 34.310-2004 signature is not supported")
    cache_key = _VerifiedCache.key(
        spki_der,
        signature_algorithm_oid.encode(),
        (digest_algorithm_oid or "").encode(),
        signature,
        data,
    )
    key = _load_public_key(spki_der)
    if isinstance(key, rsa.RSAPublicKey):
        algorithm = ALGORITHM_RSA
        if cache_key not in verified_signatures or not verified_signatures.enabled:
            _verify_rsa(key, signature_algorithm_oid, signature, data, digest_algorithm_oid)
    else:
        profile, point = key
        algorithm = profile.algorithm
        if signature_algorithm_oid not in {profile.signature_oid, *_GOST_PROFILES}:
            raise UnsupportedAlgorithmError(
                f"signature algorithm {signature_algorithm_oid} does not fit a {algorithm} key"
            )
        if digest_algorithm_oid is not None and digest_name(digest_algorithm_oid) != profile.digest:
            raise UnsupportedAlgorithmError(f"{algorithm} key with digest {digest_algorithm_oid}")
        if cache_key not in verified_signatures or not verified_signatures.enabled:
            _verify_gost(profile, point, signature, data)
    verified_signatures.add(cache_key)
    return algorithm


def _verify_rsa(
    key: rsa.RSAPublicKey,
    signature_algorithm_oid: str,
    signature: bytes,
    data: bytes,
    digest_algorithm_oid: str | None,
) -> None:
    if signature_algorithm_oid == oids.RSA_ENCRYPTION:
        if digest_algorithm_oid is None:
            raise UnsupportedAlgorithmError("rsaEncryption signature without a digest algorithm")
        name = digest_name(digest_algorithm_oid)
    elif signature_algorithm_oid in _RSA_SIGNATURE_DIGESTS:
        name = _RSA_SIGNATURE_DIGESTS[signature_algorithm_oid]
    else:
        raise UnsupportedAlgorithmError(
            f"unsupported signature algorithm {signature_algorithm_oid} for an RSA key"
        )
    if name not in _PYCA_HASHES:
        raise UnsupportedAlgorithmError(f"RSA with digest {name}")
    try:
        key.verify(signature, data, padding.PKCS1v15(), _PYCA_HASHES[name]())
    except InvalidSignature:
        raise InvalidSignatureError("RSA signature does not verify") from None


def _verify_gost(
    profile: _GostProfile, point: tuple[int, int], signature: bytes, data: bytes
) -> None:
    size = profile.curve.size_bytes
    if len(signature) != 2 * size:
        raise InvalidSignatureError("GOST signature has the wrong length")
    # NCA writes r_LE || s_LE (the byte-reversal of RFC 4491's s_BE || r_BE) and reads the
    # Streebog digest as a little-endian integer (eds.md §2.3, checked on NCA's own CRL).
    r = int.from_bytes(signature[:size], "little")
    s = int.from_bytes(signature[size:], "little")
    e = int.from_bytes(compute_digest(profile.digest, data), "little")
    if not profile.curve.verify(point, e, r, s):
        raise InvalidSignatureError("GOST signature does not verify")
