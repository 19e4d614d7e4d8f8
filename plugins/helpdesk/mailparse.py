"""Reading e-mail as it really arrives: any MIME shape, any (or a wrong) charset, HTML
without a body, forwarded messages, signatures and delivery reports, automatic replies and
the receiving server's sender authentication. Nothing here touches the database; every
function is tolerant and returns something usable instead of raising on a bad message.

The tree is walked with the standard library's `email.policy.default` (`iter_parts`, and
`get_payload(decode=True)` for the bytes of a leaf, which never raises on a bad transfer
encoding); text is decoded by `decode_text`, HTML turned into text by lxml."""

import codecs
import contextlib
import email
import email.header
import email.utils
import hashlib
import mimetypes
import os
import re
from dataclasses import dataclass, field
from email import policy

from django.conf import settings

import lxml.html
import webencodings
from charset_normalizer import from_bytes
from email_reply_parser import EmailReplyParser

# Encodings a school's mail in kk/ru/en is written in when it declares none (or a wrong
# one). Detection over every codec picks GB18030 or Shift-JIS for short Cyrillic texts, so
# it is limited to these.
DETECTION_CANDIDATES = [
    "utf_8",
    "cp1251",
    "koi8_r",
    "kz1048",
    "cp866",
    "iso8859_5",
    "mac_cyrillic",
    "cp1252",
]
# Kazakh and Russian letters: among detection's candidates the decoding with most of them
# wins (KZ-1048 and windows-1251 differ only in the Kazakh letters).
KK_RU_LETTERS = set(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІ"
)
# Labels WHATWG maps to something no mail is written in.
NOT_TEXT_ENCODINGS = {"x-user-defined", "replacement"}

# Parts of ordinary mail that are not the sender's files: kept out of the ticket, never a
# reason to refuse the message. Keyed by content type, then by file extension.
IGNORED_TYPES = {
    "application/pkcs7-signature": "S/MIME signature",
    "application/x-pkcs7-signature": "S/MIME signature",
    "application/pgp-signature": "PGP signature",
    "application/pgp-keys": "PGP key",
    "application/ms-tnef": "Outlook winmail.dat",
    "application/vnd.ms-tnef": "Outlook winmail.dat",
    "text/vcard": "vCard",
    "text/x-vcard": "vCard",
    "text/directory": "vCard",
    "text/calendar": "calendar invitation",
    "application/ics": "calendar invitation",
    "message/delivery-status": "delivery status",
    "message/global-delivery-status": "delivery status",
    "message/disposition-notification": "read receipt",
    "message/global-disposition-notification": "read receipt",
    "text/rfc822-headers": "returned headers",
    "message/rfc822-headers": "returned headers",
    "message/global-headers": "returned headers",
    "message/external-body": "external body",
    "application/pgp-encrypted": "PGP/MIME version part",
    "image/heic": "HEIC photo (type not accepted)",
    "image/heif": "HEIC photo (type not accepted)",
}
IGNORED_EXTENSIONS = {
    ".p7s": "S/MIME signature",
    ".p7m": "S/MIME data",
    ".asc": "PGP signature",
    ".sig": "signature",
    ".dat": "Outlook winmail.dat",
    ".vcf": "vCard",
    ".ics": "calendar invitation",
    ".heic": "HEIC photo (type not accepted)",
    ".heif": "HEIC photo (type not accepted)",
}

# Lines that start a forwarded or quoted original in mail clients' own words (kk/ru/en):
# what follows is kept verbatim, since the reply parser would cut it as a signature.
FORWARD_MARKER = re.compile(
    r"^\s*(-{2,}\s*(Forwarded message|Original Message|Пересылаемое сообщение|"
    r"Исходное сообщение|Переадресованное сообщение|Жіберілген хат|Қайта жіберілген хат)"
    r"\s*-*|Begin forwarded message:|-------- Перенаправленное сообщение --------)\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def parse(raw):
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogateescape")
    return email.message_from_bytes(raw, policy=policy.default)


def header(message, name):
    """A header as text, '' when missing; a header the policy cannot parse is decoded as
    plain encoded-words instead of raising. Raw 8-bit headers (no encoded-words, which the
    policy turns into U+FFFD unless they are UTF-8) are decoded like a body."""
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            if isinstance(value, str) and any("\udc80" <= char <= "\udcff" for char in value):
                raw = value.encode("utf-8", "surrogateescape")
                return " ".join(decode_text(raw).split())
            break
    try:
        value = message.get(name)
        return "" if value is None else " ".join(str(value).split())
    except Exception:  # noqa: BLE001 - any header-parser bug: fall back to the raw value
        for key, value in message.raw_items():
            if key.lower() == name.lower():
                return " ".join(decode_words(value).split())
        return ""


def all_headers(message, name):
    values = []
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            values.append(" ".join(decode_words(value).split()))
    return values


def decode_words(value):
    """RFC 2047 encoded-words of a raw header, each in its own charset, tolerantly."""
    try:
        pieces = email.header.decode_header(str(value))
    except Exception:  # noqa: BLE001
        return str(value)
    out = []
    for text, charset in pieces:
        out.append(decode_text(text, charset) if isinstance(text, bytes) else text)
    return "".join(out)


def codec_for(label):
    """The Python codec of a declared charset: WHATWG labels first (x-cp1251, latin1 ->
    windows-1252, ...), then Python's own names (kz-1048, ...); None when unknown or when it
    is not a text encoding (x-user-defined, replacement)."""
    label = (label or "").strip().strip("\"'").lower()
    if not label:
        return None
    found = webencodings.lookup(label)
    if found is not None:
        if found.name in NOT_TEXT_ENCODINGS:
            return None
        return found.codec_info.name
    try:
        return codecs.lookup(label).name
    except (LookupError, ValueError):
        return None


def _kk_ru_score(text):
    return sum(1 for char in text if char in KK_RU_LETTERS)


def detect(raw):
    """charset-normalizer among the encodings kk/ru/en mail is written in; of its good
    guesses, the one that reads as most Kazakh/Russian letters."""
    with contextlib.suppress(Exception):
        matches = list(from_bytes(raw, cp_isolation=DETECTION_CANDIDATES))[:4]
        best, best_score = None, -1
        for match in matches:
            text = str(match)
            score = _kk_ru_score(text)
            if score > best_score:
                best, best_score = text, score
        if best is not None:
            return best
    return raw.decode("utf-8", "replace")


def decode_text(raw, label=None):
    """Bytes of a text part or header as text. Valid UTF-8 with non-ASCII bytes is UTF-8
    whatever the label says (Cyrillic in any single-byte code page is never valid UTF-8);
    otherwise the declared charset when it decodes the bytes, otherwise detection."""
    if isinstance(raw, str):
        return raw
    if not raw:
        return ""
    codec = codec_for(label)
    if codec and codec.startswith(("utf-16", "utf-32")):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(codec)
    with contextlib.suppress(UnicodeDecodeError):
        return raw.decode("utf-8")
    if codec and codec not in ("utf-8", "ascii"):
        with contextlib.suppress(UnicodeDecodeError, LookupError):
            return raw.decode(codec)
    return detect(raw)


def html_to_text(html):
    """The text of an HTML part, with or without <html>/<body>: scripts, styles and the head
    dropped, block elements and <br> as line breaks."""
    if not html or not html.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001 - lxml refuses some inputs (only a comment, ...)
        return re.sub(r"<[^>]*>", " ", html)
    for bad in root.xpath("//script|//style|//head|//title|//template"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = "p|div|li|tr|h1|h2|h3|h4|h5|h6|blockquote|pre|table|ul|ol|section|article"
    for element in root.xpath("|".join(f"//{tag}" for tag in blocks.split("|"))):
        element.tail = "\n" + (element.tail or "")
        if element.tag == "li":
            element.text = "- " + (element.text or "")
    text = root.text_content()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def new_text(text):
    """The new text of a message without the quoted earlier messages; a forwarded original
    (after its marker line) is kept whole."""
    text = (text or "").replace("\r\n", "\n").replace("\x00", "")
    marker = FORWARD_MARKER.search(text)
    head, tail = (text[: marker.start()], text[marker.start() :]) if marker else (text, "")
    try:
        reply = EmailReplyParser.parse_reply(head) if head.strip() else ""
    except Exception:  # noqa: BLE001
        reply = head
    if not reply.strip() and head.strip() and not tail:
        reply = head  # the parser took everything for a quote or a signature
    return "\n\n".join(part.strip() for part in (reply, tail) if part.strip())


@dataclass
class Attachment:
    name: str
    content: bytes
    content_type: str


@dataclass
class Parsed:
    text: str = ""
    attachments: list = field(default_factory=list)
    #: Parts left out, with why (logged with the message, shown to the admin).
    ignored: list = field(default_factory=list)


def content_type(part):
    try:
        return part.get_content_type()
    except Exception:  # noqa: BLE001
        return "application/octet-stream"


def _filename(part):
    try:
        name = part.get_filename()
    except Exception:  # noqa: BLE001
        name = part.get_param("name", header="content-type")
    if isinstance(name, tuple):  # RFC 2231 value the policy left undecoded
        name = email.utils.collapse_rfc2231_value(name)
    name = decode_words(name) if name else ""
    # A name is a name: no path, no control characters, a sane length.
    name = os.path.basename(name.replace("\\", "/"))
    name = "".join(char for char in name if char.isprintable()).strip(" .")
    return name[-200:]


def _disposition(part):
    try:
        return part.get_content_disposition()
    except Exception:  # noqa: BLE001
        return None


def _charset(part):
    try:
        return part.get_param("charset")
    except Exception:  # noqa: BLE001
        return None


def _payload(part):
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001
        payload = None
    if payload is None:
        payload = part.get_payload()
        if isinstance(payload, str):
            payload = payload.encode("utf-8", "surrogateescape")
    return payload if isinstance(payload, bytes) else b""


def _leaf_text(part):
    text = decode_text(_payload(part), _charset(part))
    return html_to_text(text) if content_type(part) == "text/html" else text


def _ignored_reason(part, ctype, name):
    if ctype in IGNORED_TYPES:
        return IGNORED_TYPES[ctype]
    ext = os.path.splitext(name)[1].lower()
    if ext in IGNORED_EXTENSIONS and (ext != ".dat" or name.lower() == "winmail.dat"):
        return IGNORED_EXTENSIONS[ext]
    return None


def _forwarded(inner, depth):
    """A forwarded message/rfc822 part as quoted text, with its own attachments."""
    result = walk(inner, depth + 1)
    lines = ["---------- Forwarded message ----------"]
    for name in ("From", "Date", "Subject", "To"):
        value = header(inner, name)
        if value:
            lines.append(f"{name}: {value}")
    result.text = "\n".join(lines) + "\n\n" + result.text.strip()
    return result


def walk(message, depth=0):
    """The text (plain preferred to HTML in an alternative), files and ignored parts of a
    message of any shape."""
    parsed = Parsed()
    if depth > 10:  # a bomb of nested messages
        parsed.ignored.append("nesting deeper than 10 levels")
        return parsed
    texts = []
    _walk(message, depth, texts, parsed)
    parsed.text = "\n\n".join(t.strip() for t in texts if t and t.strip())
    return parsed


def _walk(part, depth, texts, parsed):
    ctype = content_type(part)
    if ctype in ("message/rfc822", "message/global") or (
        ctype.startswith("message/") and isinstance(part.get_payload(), list)
    ):
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else None
        if inner is None or not hasattr(inner, "get_content_type"):
            inner = parse(_payload(part))
        if depth >= 10:
            parsed.ignored.append("nesting deeper than 10 levels")
            return
        forwarded = _forwarded(inner, depth)
        texts.append(forwarded.text)
        parsed.attachments.extend(forwarded.attachments)
        parsed.ignored.extend(forwarded.ignored)
        return
    if part.is_multipart() and ctype.startswith("multipart/"):
        parts = list(part.iter_parts()) if hasattr(part, "iter_parts") else part.get_payload()
        if ctype == "multipart/alternative":
            # The last alternative the sender's client wrote is the richest; prefer plain
            # text to HTML; a nested multipart (related: HTML with its images) counts as HTML.
            # An empty plain part (some clients send one) does not hide the HTML.
            plain = [p for p in parts if content_type(p) == "text/plain" and _leaf_text(p).strip()]
            chosen = plain[0] if plain else (parts[-1] if parts else None)
            if chosen is not None:
                _walk(chosen, depth, texts, parsed)
            for other in parts:  # files attached inside an alternative (rare, but seen)
                if other is not chosen and _disposition(other) == "attachment":
                    _walk(other, depth, texts, parsed)
            return
        for sub in parts:
            _walk(sub, depth, texts, parsed)
        return
    name = _filename(part)
    reason = _ignored_reason(part, ctype, name)
    if reason:
        parsed.ignored.append(f"{name or ctype}: {reason}")
        return
    disposition = _disposition(part)
    if ctype in ("text/plain", "text/html") and disposition != "attachment" and not name:
        texts.append(_leaf_text(part))
        return
    if ctype.startswith("multipart/"):  # declared multipart without a boundary
        texts.append(decode_text(_payload(part), _charset(part)))
        return
    content = _payload(part)
    if not content:
        parsed.ignored.append(f"{name or ctype}: empty")
        return
    if not name:
        name = "attachment" + (mimetypes.guess_extension(ctype) or "")
    parsed.attachments.append(Attachment(name, content, ctype))


def message_text(message):
    return new_text(walk(message).text)


# --- automatic mail (RFC 3834 and the headers responders really send) ----------------

AUTOMATIC_PRECEDENCE = {"bulk", "junk", "auto_reply", "auto-reply"}
SYSTEM_SENDERS = {"mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"}
LOOP_HEADER = "X-Mektep-Loop"


def automatic_reason(message):
    """Why the message was written by a program (an autoresponder, a bounce, a list
    robot), or None for a person's message."""
    auto_submitted = header(message, "Auto-Submitted").split(";")[0].strip().lower()
    if auto_submitted and auto_submitted != "no":
        return f"Auto-Submitted: {auto_submitted}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Autogenerated", "X-Auto-Reply"):
        if message.get(name) is not None:
            return f"{name}: {header(message, name)}"
    precedence = header(message, "Precedence").lower()
    if precedence in AUTOMATIC_PRECEDENCE:
        return f"Precedence: {precedence}"
    if message.get(LOOP_HEADER) is not None:
        return f"{LOOP_HEADER}: our own message came back"
    if content_type(message) == "multipart/report":
        return "multipart/report: a delivery or read report"
    return_path = all_headers(message, "Return-Path")
    if return_path and return_path[0].strip() in ("<>", ""):
        return "Return-Path: <> (empty)"
    local = sender_address(message).partition("@")[0].lower()
    if local in SYSTEM_SENDERS:
        return f"From: {local}"
    return None


def no_reply_reason(message):
    """Why the sender asks for no automatic answer (a list, Exchange's suppression), or
    None."""
    if message.get("X-Auto-Response-Suppress") is not None:
        return f"X-Auto-Response-Suppress: {header(message, 'X-Auto-Response-Suppress')}"
    for name in ("List-Id", "List-Unsubscribe", "List-Post"):
        if message.get(name) is not None:
            return f"{name}: a mailing list"
    if header(message, "Precedence").lower() == "list":
        return "Precedence: list"
    return None


def is_report(message):
    """A delivery status notification (bounce) or a read receipt (MDN)."""
    if content_type(message) == "multipart/report":
        return True
    for part in message.walk():
        if content_type(part) in (
            "message/delivery-status",
            "message/global-delivery-status",
            "message/disposition-notification",
        ):
            return True
    return False


def returned_headers(message):
    """The headers of our original message inside a bounce: from a message/rfc822 or
    text/rfc822-headers part."""
    found = []
    for part in message.walk():
        ctype = content_type(part)
        if ctype in ("message/rfc822", "message/global"):
            payload = part.get_payload()
            if isinstance(payload, list) and payload:
                found.append(payload[0])
        elif ctype in ("text/rfc822-headers", "message/rfc822-headers", "message/global-headers"):
            found.append(parse(_payload(part)))
    return found


def sender_address(message):
    value = header(message, "From")
    with contextlib.suppress(Exception):
        return email.utils.parseaddr(value)[1].strip()
    return ""


# --- the receiving server's sender authentication (RFC 8601) --------------------------

AUTH_METHODS = ("dmarc", "spf", "dkim")
NOT_REPORTED = {"none", "neutral"}


def authentication_results(message):
    """{method: result} of the receiving server's Authentication-Results header: the one
    with `HELPDESK_MAIL_AUTHSERV_ID` when set, else the topmost (added last, by the server
    that delivered to our mailbox). For each method, a failing result wins over a pass."""
    wanted = (getattr(settings, "HELPDESK_MAIL_AUTHSERV_ID", "") or "").lower()
    results = {}
    for value in all_headers(message, "Authentication-Results"):
        value = re.sub(r"\([^()]*\)", " ", value)  # comments may hold ';' and '='
        authserv, _sep, rest = value.partition(";")
        authserv = authserv.strip().split()[0].lower() if authserv.strip() else ""
        if wanted and authserv != wanted:
            continue
        for clause in rest.split(";"):
            match = re.match(r"\s*([a-z0-9-]+)\s*=\s*([a-z]+)", clause, re.IGNORECASE)
            if match and match.group(1).lower() in AUTH_METHODS:
                method, result = match.group(1).lower(), match.group(2).lower()
                if results.get(method) in (None, "pass", *NOT_REPORTED):
                    results[method] = result
        break  # only the receiving server's own header counts
    return results


def authentication_failure(message):
    """'dmarc=fail' (etc.) when the receiving server reported a sender authentication that
    did not pass, else None. DMARC decides when reported; otherwise every reported SPF and
    DKIM result must pass."""
    results = authentication_results(message)
    dmarc = results.get("dmarc")
    if dmarc and dmarc not in NOT_REPORTED:
        return None if dmarc == "pass" else f"dmarc={dmarc}"
    failed = [
        f"{method}={result}"
        for method, result in results.items()
        if result not in NOT_REPORTED and result != "pass"
    ]
    return ", ".join(sorted(failed)) or None


# --- identity of a message ---------------------------------------------------------------

MESSAGE_ID_LENGTH = 255


def message_key(message):
    """The Message-ID, fitting FollowUp.message_id and InboundMessage.message_key: a longer
    one keeps its start and a hash of the whole."""
    value = "".join(header(message, "Message-ID").split())
    if len(value) > MESSAGE_ID_LENGTH:
        digest = hashlib.sha256(value.encode("utf-8", "surrogateescape")).hexdigest()
        value = value[: MESSAGE_ID_LENGTH - 65] + "#" + digest
    return value


def content_hash(raw):
    """A hash of what the sender wrote (From, To, Date, Subject and the body), not of the
    trace headers servers add on the way, so a re-delivered copy hashes the same."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogateescape")
    raw = raw.replace(b"\r\n", b"\n")
    head, _sep, body = raw.partition(b"\n\n")
    digest = hashlib.sha256()
    wanted = (b"from:", b"to:", b"date:", b"subject:", b"message-id:")
    for line in head.split(b"\n"):
        if line.lower().startswith(wanted):
            digest.update(line.strip() + b"\n")
    digest.update(b"\n" + body)
    return digest.hexdigest()
