"""GOST R 34.10-2012 signatures over the TC26 curves, as NCA RK's GOST 34.10-2015 uses them.

pyca/cryptography has no GOST, and gostcrypto's affine arithmetic (one modular inversion per
point operation) manages about 4 verifications per second for 512-bit keys. This module keeps
the maths small and fast: Jacobian coordinates, one inversion per scalar multiplication, and a
joint (Shamir) double-and-add for the two multiplications of a verification.

Everything here works on integers; byte layouts (NCA writes keys and signatures little-endian)
are handled in `algorithms.py`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

# (X, Y, Z) with affine x = X/Z^2, y = Y/Z^3; Z == 0 is the point at infinity.
JacobianPoint = tuple[int, int, int]
_INFINITY: JacobianPoint = (1, 1, 0)


@dataclass(frozen=True)
class GostCurve:
    """A short-Weierstrass curve y^2 = x^3 + ax + b over GF(p) with a base point of order q."""

    name: str
    p: int
    a: int
    b: int
    q: int
    x: int
    y: int
    # Cached multiples of the base point for windowed fixed-base multiplication.
    _base_table: list[JacobianPoint] = field(default_factory=list, compare=False, repr=False)

    @property
    def size_bytes(self) -> int:
        return (self.q.bit_length() + 7) // 8

    def is_on_curve(self, x: int, y: int) -> bool:
        p = self.p
        return 0 <= x < p and 0 <= y < p and (y * y - (x * x * x + self.a * x + self.b)) % p == 0

    # --- point arithmetic -------------------------------------------------------------------

    def _double(self, point: JacobianPoint) -> JacobianPoint:
        x1, y1, z1 = point
        if z1 == 0 or y1 == 0:
            return _INFINITY
        p = self.p
        yy = y1 * y1 % p
        s = 4 * x1 * yy % p
        zz = z1 * z1 % p
        m = (3 * x1 * x1 + self.a * zz * zz) % p
        x3 = (m * m - 2 * s) % p
        y3 = (m * (s - x3) - 8 * yy * yy) % p
        z3 = 2 * y1 * z1 % p
        return (x3, y3, z3)

    def _add(self, first: JacobianPoint, second: JacobianPoint) -> JacobianPoint:
        x1, y1, z1 = first
        x2, y2, z2 = second
        if z1 == 0:
            return second
        if z2 == 0:
            return first
        p = self.p
        z1z1 = z1 * z1 % p
        z2z2 = z2 * z2 % p
        u1 = x1 * z2z2 % p
        u2 = x2 * z1z1 % p
        s1 = y1 * z2 * z2z2 % p
        s2 = y2 * z1 * z1z1 % p
        h = (u2 - u1) % p
        r = (s2 - s1) % p
        if h == 0:
            return self._double(first) if r == 0 else _INFINITY
        hh = h * h % p
        hhh = h * hh % p
        v = u1 * hh % p
        x3 = (r * r - hhh - 2 * v) % p
        y3 = (r * (v - x3) - s1 * hhh) % p
        z3 = h * z1 * z2 % p
        return (x3, y3, z3)

    def _to_affine(self, point: JacobianPoint) -> tuple[int, int] | None:
        x, y, z = point
        if z == 0:
            return None
        p = self.p
        z_inv = pow(z, -1, p)
        z_inv2 = z_inv * z_inv % p
        return (x * z_inv2 % p, y * z_inv2 * z_inv % p)

    def _base_multiples(self) -> list[JacobianPoint]:
        # 16 * k * G for k in 0..15 is not needed; a 4-bit window over G is enough and cheap.
        if not self._base_table:
            table: list[JacobianPoint] = [_INFINITY, (self.x, self.y, 1)]
            for _ in range(14):
                table.append(self._add(table[-1], (self.x, self.y, 1)))
            self._base_table.extend(table)
        return self._base_table

    def _multiply_window(self, scalar: int, table: list[JacobianPoint]) -> JacobianPoint:
        result = _INFINITY
        for shift in range((scalar.bit_length() + 3) // 4 * 4 - 4, -4, -4):
            result = self._double(self._double(self._double(self._double(result))))
            digit = (scalar >> shift) & 0xF
            if digit:
                result = self._add(result, table[digit])
        return result

    def _window_table(self, x: int, y: int) -> list[JacobianPoint]:
        point = (x, y, 1)
        table: list[JacobianPoint] = [_INFINITY, point]
        for _ in range(14):
            table.append(self._add(table[-1], point))
        return table

    def multiply_base(self, scalar: int) -> tuple[int, int] | None:
        return self._to_affine(self._multiply_window(scalar % self.q, self._base_multiples()))

    def _joint_multiply(
        self, k1: int, table1: list[JacobianPoint], k2: int, table2: list[JacobianPoint]
    ) -> JacobianPoint:
        """k1*P1 + k2*P2 in one pass of doublings (Shamir's trick with 4-bit windows)."""
        result = _INFINITY
        top = max(k1.bit_length(), k2.bit_length())
        for shift in range((top + 3) // 4 * 4 - 4, -4, -4):
            result = self._double(self._double(self._double(self._double(result))))
            digit1 = (k1 >> shift) & 0xF
            digit2 = (k2 >> shift) & 0xF
            if digit1:
                result = self._add(result, table1[digit1])
            if digit2:
                result = self._add(result, table2[digit2])
        return result

    # --- GOST R 34.10-2012 --------------------------------------------------------------------

    def verify(self, public_key: tuple[int, int], digest_int: int, r: int, s: int) -> bool:
        """Verify (r, s) for the digest read as an integer (the standard's alpha)."""
        q = self.q
        if not (0 < r < q and 0 < s < q):
            return False
        qx, qy = public_key
        if not self.is_on_curve(qx, qy):
            return False
        e = digest_int % q or 1
        v = pow(e, -1, q)
        z1 = s * v % q
        z2 = (-r * v) % q
        point = self._to_affine(
            self._joint_multiply(z1, self._base_multiples(), z2, self._window_table(qx, qy))
        )
        return point is not None and point[0] % q == r

    def public_key(self, private_key: int) -> tuple[int, int]:
        point = self.multiply_base(private_key)
        assert point is not None
        return point

    def sign(self, private_key: int, digest_int: int, nonce: int | None = None) -> tuple[int, int]:
        """Sign a digest integer. Used to build test chains and vectors; the platform never signs
        with GOST keys."""
        q = self.q
        e = digest_int % q or 1
        while True:
            k = nonce if nonce is not None else secrets.randbelow(q - 1) + 1
            point = self.multiply_base(k)
            assert point is not None
            r = point[0] % q
            s = (r * private_key + k * e) % q
            if r and s:
                return r, s
            if nonce is not None:
                raise ValueError("the given nonce yields a degenerate signature")


TC26_512_A = GostCurve(
    name="id-tc26-gost-3410-12-512-paramSetA",
    p=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7,
    a=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC4,
    b=0xE8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760,
    q=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275,
    x=0x3,
    y=0x7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4,
)

# Third-party code maps NCA's 256-bit GOST-2015 parameter OID to this curve; no NCA sample has
# been seen (eds.md §2.3). A wrong mapping can only make genuine signatures fail, never forge one.
TC26_256_A = GostCurve(
    name="id-tc26-gost-3410-2012-256-paramSetA",
    p=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97,
    a=0xC2173F1513981673AF4892C23035A27CE25E2013BF95AA33B22C656F277E7335,
    b=0x295F9BAE7428ED9CCC20E7C359A9D41A22FCCD9108E17BF7BA9337A6F8AE9513,
    q=0x400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67,
    x=0x91E38443A5E82C0D880923425712B2BB658B9196932E02C78B2582FE742DAA28,
    y=0x32879423AB1A0375895786C4BB46E9565FDE0B5344766740AF268ADB32322E5C,
)
