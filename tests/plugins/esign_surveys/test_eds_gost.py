"""GOST R 34.10-2012 curve maths and Streebog against known answers and a second implementation."""

from __future__ import annotations

import secrets

import pytest

from plugins.esign_surveys.eds.algorithms import compute_digest
from plugins.esign_surveys.eds.gost import TC26_256_A, TC26_512_A

# RFC 6986 / GOST R 34.11-2012 example M1 ("012345678901…012", 63 bytes) and the empty string.
M1 = b"012345678901234567890123456789012345678901234567890123456789012"


def test_streebog_known_answers() -> None:
    assert compute_digest("streebog512", b"").hex() == (
        "8e945da209aa869f0455928529bcae4679e9873ab707b55315f56ceb98bef0a7"
        "362f715528356ee83cda5f2aac4c6ad2ba3a715c1bcd81cb8e9f90bf4c1c1a8a"
    )
    assert compute_digest("streebog512", M1).hex() == (
        "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa"
        "00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48"
    )
    assert compute_digest("streebog256", M1).hex() == (
        "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500"
    )


def test_curve_base_points_are_on_their_curves() -> None:
    for curve in (TC26_512_A, TC26_256_A):
        assert curve.is_on_curve(curve.x, curve.y)
        # (q - 1)·G == -G holds only if the base point has order q.
        assert curve.multiply_base(curve.q - 1) == (curve.x, curve.p - curve.y)


@pytest.mark.parametrize("curve", [TC26_512_A, TC26_256_A], ids=lambda c: c.name)
def test_sign_verify_round_trip_and_rejections(curve) -> None:  # type: ignore[no-untyped-def]
    private = secrets.randbelow(curve.q - 1) + 1
    public = curve.public_key(private)
    digest = secrets.randbits(curve.q.bit_length())
    r, s = curve.sign(private, digest)
    assert curve.verify(public, digest, r, s)
    assert not curve.verify(public, digest ^ 1, r, s)
    assert not curve.verify(public, digest, r, (s + 1) % curve.q)
    assert not curve.verify(public, digest, 0, s)
    assert not curve.verify((public[0], public[1] ^ 1), digest, r, s)


def test_agrees_with_gostcrypto() -> None:
    gostsignature = pytest.importorskip("gostcrypto.gostsignature")
    params = gostsignature.CURVES_R_1323565_1_024_2019["id-tc26-gost-3410-12-512-paramSetA"]
    reference = gostsignature.new(gostsignature.MODE_512, params)
    curve = TC26_512_A
    private = secrets.randbelow(curve.q - 1) + 1
    x, y = curve.public_key(private)
    digest = secrets.randbits(512)
    r, s = curve.sign(private, digest)
    # gostcrypto is big-endian throughout and reads a signature as r || s (its _get_r_s).
    public_be = bytearray(x.to_bytes(64, "big") + y.to_bytes(64, "big"))
    signature_be = bytearray(r.to_bytes(64, "big") + s.to_bytes(64, "big"))
    assert reference.verify(public_be, bytearray(digest.to_bytes(64, "big")), signature_be)
    assert bytes(reference.public_key_generate(bytearray(private.to_bytes(64, "big")))) == bytes(
        public_be
    )
