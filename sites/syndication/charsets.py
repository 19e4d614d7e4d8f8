"""Which character encoding a fetched feed is written in, decided as feedparser and browsers
decide it, with the bytes having the last word where they prove a declaration wrong.

1. A byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) wins over everything.
2. Otherwise the declarations, in order: the HTTP header's charset (RFC 7303: it overrides
   the document), then the XML declaration; an XML document without any is UTF-8 (or
   UTF-16/32, recognised by its first bytes as the XML spec's appendix F describes).
   Labels are read as browsers read them (WHATWG labels: `x-cp1251`, `latin1`, `gb2312`,
   `shift_jis` ... through webencodings), plus a few spellings seen in school feeds.
3. A declaration is believed unless the bytes prove it wrong: valid UTF-8 with non-ASCII
   characters is UTF-8 whatever the label says (a legacy single-byte text is practically
   never valid UTF-8); a body that does not decode in the declared encoding, or reads as
   gibberish in it while another declaration or the detector (charset-normalizer) reads it
   cleanly, is read in the encoding that fits, with a warning for the feed's admin.
4. No declaration and not UTF-8: charset-normalizer detects the encoding (KOI8-R, EUC-KR,
   Shift-JIS, GB2312 ...), with a warning.
An encoding nobody knows, declared with nothing better to go on, is an error."""

import codecs
import re

import charset_normalizer
import webencodings

from .errors import FeedError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# "<?xm" in UTF-16/32 without a BOM (XML 1.0, appendix F).
XML_START = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)
XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", re.I)
CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
# Spellings that are neither WHATWG labels nor Python codec names, seen in the wild.
EXTRA_LABELS = {
    "win-1251": "cp1251",
    "win1251": "cp1251",
    "windows1251": "cp1251",
    "cp-1251": "cp1251",
    "win-1252": "cp1252",
    "koi8r": "koi8-r",
    "utf8": "utf-8",
}
# Python codec names shown to admins the way the web writes them.
DISPLAY = {
    "cp1251": "windows-1251",
    "cp1252": "windows-1252",
    "cp949": "euc-kr",
    "euc_kr": "euc-kr",
    "cp932": "shift_jis",
    "gbk": "gbk",
    "gb18030": "gb18030",
    "koi8-r": "koi8-r",
    "utf-8": "utf-8",
}
CYRILLIC_SINGLE_BYTE = ("cp1251", "koi8-r", "kz1048")
# Letters cp1251 has where kz1048 has Kazakh ones (Ә Ғ Қ Ң Ө Ұ Ү Һ): a cp1251 reading full of
# these is Kazakh text in kz1048.
KZ1048_IN_CP1251 = set("ЉЊЌЋЏљњќћџЎўЈҐ")


def codec_name(label):
    """The Python codec for an encoding label, as a browser reads the label; None if unknown."""
    label = (label or "").strip().strip("\"'").lower()
    if not label:
        return None
    label = EXTRA_LABELS.get(label, label)
    found = webencodings.lookup(label)
    if found is not None and found.name not in ("replacement", "x-user-defined"):
        name = found.codec_info.name
        if name in ("utf-16-le", "utf-16-be"):
            return "utf-16"  # a declared "utf-16" is read by its BOM, as XML says
        return name
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def display_name(codec):
    name = codecs.lookup(codec).name
    return DISPLAY.get(name, name)


def _decodes(body, codec):
    try:
        body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _has_non_ascii(body):
    return any(byte > 0x7F for byte in body[:1_000_000])


def _lowercase_share(body, codec):
    """For a single-byte Cyrillic reading: the share of lowercase among its non-ASCII letters
    (running text is mostly lowercase; KOI8-R read as windows-1251, or the reverse, turns it
    mostly uppercase), or None when the reading is not letters at all (CJK bytes read as
    windows-1251 give symbols and letters half and half)."""
    text = body[:1_000_000].decode(codec, errors="replace")
    non_ascii = [c for c in text if not c.isascii()]
    letters = [c for c in non_ascii if c.isalpha()]
    if not non_ascii or len(letters) < 0.85 * len(non_ascii):
        return None
    return sum(c.islower() for c in letters) / len(letters)


def _cyrillic_reading(body):
    """The single-byte Cyrillic encoding that reads the bytes as running text, or None."""
    shares = {codec: _lowercase_share(body, codec) for codec in ("cp1251", "koi8-r")}
    fitting = {codec: share for codec, share in shares.items() if share is not None}
    if not fitting:
        return None
    codec = max(fitting, key=fitting.get)
    if fitting[codec] < 0.6:
        return None
    if codec == "cp1251":
        text = body[:1_000_000].decode("cp1251")
        if sum(c in KZ1048_IN_CP1251 for c in text) >= 2:
            return "kz1048"
    return codec


def _detect(body):
    """The encoding of undeclared (or wrongly declared) non-UTF-8 bytes, or None: a Cyrillic
    single-byte reading where the text proves it, else charset-normalizer's pick (short
    Cyrillic texts are too short for its statistics, CJK ones are not)."""
    cyrillic = _cyrillic_reading(body)
    if cyrillic:
        return cyrillic
    best = charset_normalizer.from_bytes(body[:2_000_000]).best()
    return best.encoding if best is not None else None


def _plausible(body, codec):
    """False when the bytes prove `codec` wrong: they do not decode in it, or (for a
    single-byte Cyrillic encoding) another Cyrillic encoding reads them as running text
    while this one does not. A declaration nothing contradicts is believed."""
    if not _decodes(body, codec):
        return False
    name = codecs.lookup(codec).name
    if name in CYRILLIC_SINGLE_BYTE:
        reading = _cyrillic_reading(body)
        if reading is None or codecs.lookup(reading).name == name:
            return True
        # cp1251 and kz1048 share the Russian letters: the declaration knows better.
        return {reading, name} == {"cp1251", "kz1048"}
    return True


def declarations(body, content_type=""):
    """[(where, label)] of the declared encodings: the HTTP header's, then the document's."""
    found = []
    match = CHARSET.search(content_type or "")
    if match:
        found.append(("http", match.group(1)))
    head = body[:400]
    for start, codec in XML_START:
        if head.startswith(start):
            head = head.decode(codec, errors="ignore").encode("ascii", errors="ignore")
            break
    match = XML_DECLARATION.match(head)
    if match:
        found.append(("xml", match.group(1).decode("ascii")))
    return found


def decide(body, content_type=""):
    """(codec, warning params or None, body without BOM). Raises FeedError("encoding_unknown")
    for a declared encoding nobody knows when nothing else tells the encoding."""
    for bom, codec in BOMS:
        if body.startswith(bom):
            return codec, None, body[len(bom) :]
    for start, codec in XML_START:
        if body.startswith(start):
            return codec, None, body
    declared = declarations(body, content_type)
    known = [(where, label, codec_name(label)) for where, label in declared]
    usable = [codec for _where, _label, codec in known if codec]
    first_label = declared[0][1] if declared else ""
    if declared and not usable:
        raise FeedError("encoding_unknown", encoding=first_label[:40])

    def warning(used):
        return {"declared": (first_label or "?")[:40], "used": display_name(used)}

    utf8 = _decodes(body, "utf-8")
    if not usable:
        if utf8:
            return "utf-8", None, body
        detected = _detect(body) or "cp1251"
        return detected, {"declared": "", "used": display_name(detected)}, body
    chosen = usable[0]
    if codecs.lookup(chosen).name in ("utf-8", "utf-16", "utf-32"):
        if _decodes(body, chosen):
            return chosen, None, body
    elif utf8 and _has_non_ascii(body):
        # Valid UTF-8 with non-ASCII text: the bytes prove the label wrong.
        return "utf-8", warning("utf-8"), body
    elif not _has_non_ascii(body) or _plausible(body, chosen):
        return chosen, None, body
    # The first declaration does not fit the bytes: another declaration that does, else the
    # detector's reading.
    for other in usable[1:]:
        if _plausible(body, other):
            return other, warning(other), body
    if utf8:
        return "utf-8", warning("utf-8"), body
    detected = _detect(body)
    if detected is None:
        detected = chosen if _decodes(body, chosen) else "cp1251"
    return detected, (warning(detected) if detected != chosen else None), body


def decode(body, content_type=""):
    """(text, warning params or None)."""
    codec, warning, body = decide(body, content_type)
    return body.decode(codec, errors="replace"), warning
