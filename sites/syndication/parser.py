"""Parse a fetched feed document into items: RSS 0.9x/1.0/2.0 and Atom with feedparser, JSON
Feed (versions 1 and 1.1) from its JSON.

Encodings are settled before feedparser sees the bytes: an encoding nobody knows is an error
(nothing is imported), a document that lies about its encoding is read in the encoding it
really uses (UTF-8, else windows-1251, the usual one for Cyrillic) with a warning."""

import calendar
import codecs
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

from django.conf import settings
from django.utils import timezone

import feedparser

from .errors import FeedError
from .sanitize import plain_text, sanitize_html

XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._:-]+)[\"']", re.I)
CHARSET = re.compile(r"charset=[\"']?([A-Za-z0-9._:-]+)", re.I)
FALLBACK_ENCODINGS = ("utf-8", "windows-1251")


@dataclass
class ParsedItem:
    guid: str
    link: str
    title: str
    summary: str
    content: str
    image_url: str
    published: datetime


@dataclass
class ParsedFeed:
    items: list
    warning_code: str = ""
    warning_params: dict = None


def _declared_encoding(body, content_type):
    match = CHARSET.search(content_type or "")
    if match:
        return match.group(1)
    match = XML_DECLARATION.match(body[:200])
    return match.group(1).decode("ascii") if match else ""


def decode(body, content_type=""):
    """(text, warning params or None). Raises FeedError for an unknown encoding."""
    if body.startswith(codecs.BOM_UTF8):
        return body[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), None
    declared = _declared_encoding(body, content_type)
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            raise FeedError("encoding_unknown", encoding=declared[:40]) from None
        try:
            return body.decode(declared), None
        except UnicodeDecodeError:
            pass
    for candidate in FALLBACK_ENCODINGS:
        try:
            text = body.decode(candidate)
        except UnicodeDecodeError:
            continue
        warning = None
        if declared and codecs.lookup(declared).name != codecs.lookup(candidate).name:
            warning = {"declared": declared, "used": candidate}
        return text, warning
    return body.decode("utf-8", errors="replace"), {"declared": declared or "?", "used": "utf-8"}


def _clip(text, limit):
    return text if len(text) <= limit else text[:limit]


def _datetime(struct):
    if not struct:
        return None
    return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)


def _item(guid, link, title_html, summary_html, content_html, image_url, published, base):
    limit = settings.SYNDICATION_ITEM_MAX_CHARS
    link = urljoin(base, link.strip()) if link else ""
    item_base = link or base
    content = sanitize_html(_clip(content_html or summary_html or "", limit), item_base)
    summary_source = summary_html or content_html or ""
    return ParsedItem(
        guid=(guid or link or "").strip()[:2000],
        link=link[:1000],
        title=plain_text(_clip(title_html or "", 5000), limit=255) or link[:255],
        summary=plain_text(_clip(summary_source, limit), limit=300),
        content=content,
        image_url=urljoin(item_base, image_url)[:1000] if image_url else "",
        published=published or timezone.now(),
    )


def _image_of(entry):
    for media in entry.get("media_content", []) + entry.get("media_thumbnail", []):
        if media.get("url") and media.get("medium", "image") == "image":
            return media["url"]
    for enclosure in entry.get("enclosures", []):
        if enclosure.get("type", "").startswith("image/") and enclosure.get("href"):
            return enclosure["href"]
    return ""


TEXT_DECLARATION = re.compile(r"^(\s*<\?xml[^>]*?encoding=[\"'])([A-Za-z0-9._:-]+)", re.I)


def parse_xml(text, url):
    # The text is decoded already: tell feedparser it is UTF-8, in the declaration too.
    text = TEXT_DECLARATION.sub(r"\g<1>utf-8", text, count=1)
    parsed = feedparser.parse(
        text.encode("utf-8"),
        response_headers={
            "content-location": url,
            "content-type": "application/xml; charset=utf-8",
        },
        sanitize_html=False,  # nh3 does it, with our own rules
    )
    malformed = bool(parsed.bozo) and not isinstance(
        parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride
    )
    if malformed and not parsed.entries:
        raise FeedError("malformed", detail=str(parsed.bozo_exception)[:200])
    if not parsed.version and not parsed.entries:
        raise FeedError("not_a_feed")
    base = parsed.feed.get("link") or url
    items = []
    for entry in parsed.entries:
        contents = entry.get("content") or []
        content_html = contents[0].get("value", "") if contents else ""
        items.append(
            _item(
                guid=entry.get("id", ""),
                link=entry.get("link", ""),
                title_html=entry.get("title", ""),
                summary_html=entry.get("summary", ""),
                content_html=content_html,
                image_url=_image_of(entry),
                published=_datetime(entry.get("published_parsed") or entry.get("updated_parsed")),
                base=url if entry.get("link") is None else base,
            )
        )
    result = ParsedFeed(items=items)
    if malformed:
        result.warning_code = "malformed"
        result.warning_params = {"detail": str(parsed.bozo_exception)[:200]}
    return result


def parse_json_feed(text, url):
    try:
        document = json.loads(text)
    except ValueError as error:
        raise FeedError("malformed", detail=str(error)[:200]) from error
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedError("not_a_feed")
    base = document.get("home_page_url") or url
    items = []
    for entry in document.get("items") or []:
        if not isinstance(entry, dict):
            continue
        published = entry.get("date_published") or entry.get("date_modified")
        try:
            published = datetime.fromisoformat(published) if published else None
        except (TypeError, ValueError):
            published = None
        if published is not None and timezone.is_naive(published):
            published = timezone.make_aware(published, UTC)
        text_content = entry.get("content_text") or ""
        items.append(
            _item(
                guid=str(entry.get("id") or ""),
                link=str(entry.get("url") or entry.get("external_url") or ""),
                title_html=str(entry.get("title") or ""),
                summary_html=str(entry.get("summary") or ""),
                content_html=str(entry.get("content_html") or "")
                or "".join(f"<p>{line}</p>" for line in text_content.splitlines() if line),
                image_url=str(entry.get("image") or entry.get("banner_image") or ""),
                published=published,
                base=base,
            )
        )
    return ParsedFeed(items=items)


def parse(body, url, content_type=""):
    text, encoding_warning = decode(body, content_type)
    stripped = text.lstrip()
    if "json" in (content_type or "").lower() or stripped.startswith("{"):
        result = parse_json_feed(stripped, url)
    else:
        result = parse_xml(text, url)
    if encoding_warning and not result.warning_code:
        result.warning_code = "encoding_mismatch"
        result.warning_params = encoding_warning
    return result
