"""asn1crypto's dump() must give back the DER it parsed: the one place that makes it so.

asn1crypto 1.5.1 takes any header whose last octet is 0x80 for the indefinite-length form
(`_header[-1:] == b'\\x80'` in five dump() methods), so a definite length whose low byte is
0x80 – 128, 384, 640, 896, … bytes, long form `81 80`, `82 01 80`, `82 02 80` – makes
dump() re-encode the value and all its descendants (wbond/asn1crypto#249, open since 2022).
Re-encoding changes what we received: for NCA's GOST keys it raises
KeyError('1.2.398.3.10.1.1.2.2') (asn1crypto has no spec for the key), and for anything not
strictly DER (an unsorted SET OF, an explicit DEFAULT, a non-minimal INTEGER) it alters the
bytes a signature or a fingerprint is computed over. Which length a certificate or CMS gets
depends on names, serials and keys, so the failure looked random.

A value parsed with the indefinite form keeps its end-of-contents octets as `_trailer`; a
value without them has a definite length, and for it dump() now returns header, contents and
trailer as asn1crypto's own non-forced path does. Truly indefinite values and dump(force=True)
keep asn1crypto's behaviour. The patch is applied only while the probe below still sees the
bug, so it retires itself once asn1crypto is fixed. It is process-wide, which is the point:
asn1crypto itself dumps parsed children when it encodes a new structure (the test PKI's CMS,
pyHanko's signatures).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from asn1crypto import core

_Dump = Callable[[core.Asn1Value, bool], bytes]


class _Integers(core.SequenceOf):
    _child_spec = core.Integer


# 32 non-minimal INTEGERs (02 02 00 01): 128 bytes of contents, header 30 81 80. A re-encoding
# dump() shortens each to 02 01 01, so the bytes only survive if dump() keeps what it parsed.
_PROBE = b"\x30\x81\x80" + b"\x02\x02\x00\x01" * 32


def dump_keeps_received_bytes() -> bool:
    """True when asn1crypto's dump() returns a parsed value with a definite length whose
    last length octet is 0x80 unchanged."""
    return _Integers.load(_PROBE).dump() == _PROBE


def _keeping_definite_lengths(dump: _Dump) -> _Dump:
    @functools.wraps(dump)
    def wrapper(self: core.Asn1Value, force: bool = False) -> bytes:
        header = self._header
        if force or not header or header[-1] != 0x80 or self._trailer:
            return dump(self, force)
        if isinstance(self, core.Choice):
            # A tagged CHOICE's header is its explicit tag; the chosen value dumps itself.
            self._contents = self.chosen.dump()
            return header + self._contents
        contents = self.contents  # a changed SEQUENCE re-encodes here and drops its header
        if self._header is None:
            return dump(self, force)
        return self._header + contents + self._trailer

    return wrapper


def apply() -> None:
    if dump_keeps_received_bytes():
        return
    for cls in (core.Asn1Value, core.Choice, core.Primitive, core.Sequence, core.SequenceOf):
        cls.dump = _keeping_definite_lengths(cls.__dict__["dump"])


apply()
