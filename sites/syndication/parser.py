"""Parse a fetched feed document into items: RSS 0.9x/1.0/2.0 and Atom with feedparser, JSON
Feed (versions 1 and 1.1) from its JSON.

Encodings are settled before feedparser sees the bytes: an encoding nobody knows is an error
(nothing is imported), a document that lies about its encoding is read in the encoding it
really uses (UTF-8, else windows-1251, the usual one for Cyrillic) with a warning."""

import calendar
import html
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone

import feedparser

from .charsets import decode
from .errors import FeedError
from .sanitize import plain_text, safe_url, sanitize_html, strip_invalid

# A date this far ahead is a mistake of the feed (2099): it would stay on top of the news.
FUTURE_TOLERANCE = timedelta(days=1)
# Preferred languages when a JSON Feed gives a title per language ({"ru": "...", "kk": ...}).
LANGUAGE_ORDER = ("kk", "ru", "en")


class DateProblem:
    MISSING = "missing"
    UNPARSEABLE = "unparseable"
    FUTURE = "future"


@dataclass
class ParsedItem:
    guid: str
    link: str
    title: str
    summary: str
    content: str
    image_url: str
    published: datetime
    date_problem: str = ""
    truncated: bool = False


@dataclass
class ParsedFeed:
    items: list
    warning_code: str = ""
    warning_params: dict = None
    # Further remarks for the admin: [{"code": ..., "params": {...}}] (errors.describe).
    notes: list = field(default_factory=list)


def _clip(text, limit):
    return (text, False) if len(text) <= limit else (text[:limit], True)


def _datetime(struct):
    if not struct:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _settle_date(published, had_text):
    """(date to use, problem code): missing or unparseable dates become the import time and
    are flagged; dates in the future are brought back to now and flagged."""
    now = timezone.now()
    if published is None:
        return now, (DateProblem.UNPARSEABLE if had_text else DateProblem.MISSING)
    if published > now + FUTURE_TOLERANCE:
        return now, DateProblem.FUTURE
    return published, ""


def _item(
    guid,
    link,
    title_html,
    summary_html,
    content_html,
    image_url,
    published,
    base,
    date_text="",
    title_is_html=None,
):
    limit = settings.SYNDICATION_ITEM_MAX_CHARS
    link = safe_url(link, base)
    item_base = link or base
    content_source, cut_content = _clip(strip_invalid(content_html or summary_html or ""), limit)
    content = sanitize_html(content_source, item_base)
    summary_source, _cut = _clip(strip_invalid(summary_html or content_html or ""), limit)
    title_source, _cut = _clip(strip_invalid(title_html or ""), 5000)
    published, date_problem = _settle_date(published, bool(str(date_text or "").strip()))
    return ParsedItem(
        guid=strip_invalid(guid or link or "").strip()[:2000],
        link=link[:1000],
        title=plain_text(title_source, limit=255, is_html=title_is_html) or link[:255],
        summary=plain_text(summary_source, limit=300),
        content=content,
        image_url=safe_url(image_url, item_base)[:1000],
        published=published,
        date_problem=date_problem,
        truncated=cut_content,
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
    text = TEXT_DECLARATION.sub(r"\g<1>utf-8", strip_invalid(text), count=1)
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
    base = safe_url(parsed.feed.get("link") or "", url) or url
    is_atom = (parsed.version or "").startswith("atom")
    items = []
    for entry in parsed.entries:
        contents = entry.get("content") or []
        content_html = contents[0].get("value", "") if contents else ""
        title_type = (entry.get("title_detail") or {}).get("type", "")
        items.append(
            _item(
                guid=str(entry.get("id", "") or ""),
                link=str(entry.get("link", "") or ""),
                title_html=str(entry.get("title", "") or ""),
                summary_html=str(entry.get("summary", "") or ""),
                content_html=str(content_html or ""),
                image_url=_image_of(entry),
                published=_datetime(entry.get("published_parsed") or entry.get("updated_parsed")),
                date_text=entry.get("published") or entry.get("updated") or "",
                base=url if entry.get("link") is None else base,
                # Atom says whether a title is text or HTML; RSS titles are guessed.
                title_is_html=("html" in title_type) if is_atom and title_type else None,
            )
        )
    result = ParsedFeed(items=items)
    if malformed:
        result.warning_code = "malformed"
        result.warning_params = {"detail": str(parsed.bozo_exception)[:200]}
    return result


def _text_value(value, languages):
    """A JSON Feed string field that may arrive as an object per language ({"ru": "x"}) or a
    list: the value in the first preferred language, else the first string found."""
    if isinstance(value, dict):
        for code in languages:
            if isinstance(value.get(code), str):
                return value[code]
        return next((v for v in value.values() if isinstance(v, str)), "")
    if isinstance(value, list):
        return next((v for v in value if isinstance(v, str)), "")
    if value is None or isinstance(value, bool):
        return ""
    return str(value)


def _json_date(value):
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment


def parse_json_feed(text, url):
    try:
        document = json.loads(text)
    except ValueError as error:
        raise FeedError("malformed", detail=str(error)[:200]) from error
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedError("not_a_feed")
    language = _text_value(document.get("language"), ())[:2]
    languages = tuple(dict.fromkeys(([language] if language else []) + list(LANGUAGE_ORDER)))
    base = safe_url(_text_value(document.get("home_page_url"), languages), url) or url
    entries = document.get("items")
    items = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue

        def field(name, entry=entry):
            return strip_invalid(_text_value(entry.get(name), languages))

        date_text = field("date_published") or field("date_modified")
        text_content = field("content_text")
        items.append(
            _item(
                guid=field("id"),
                link=field("url") or field("external_url"),
                title_html=field("title"),
                summary_html=field("summary"),
                content_html=field("content_html")
                or "".join(
                    f"<p>{html.escape(line)}</p>" for line in text_content.splitlines() if line
                ),
                image_url=field("image") or field("banner_image"),
                published=_json_date(date_text),
                date_text=date_text,
                base=base,
            )
        )
    return ParsedFeed(items=items)


def parse(body, url, content_type=""):
    if not body or not body.strip():
        raise FeedError("empty")
    text, encoding_warning = decode(body, content_type)
    stripped = text.lstrip()
    if not stripped:
        raise FeedError("empty")
    if "json" in (content_type or "").lower() or stripped.startswith("{"):
        result = parse_json_feed(stripped, url)
    else:
        result = parse_xml(text, url)
    if encoding_warning and not result.warning_code:
        code = "encoding_mismatch" if encoding_warning.get("declared") else "encoding_detected"
        result.warning_code, result.warning_params = code, encoding_warning
    for problem, code in (
        (DateProblem.MISSING, "dates_missing"),
        (DateProblem.UNPARSEABLE, "dates_unparseable"),
        (DateProblem.FUTURE, "dates_future"),
    ):
        count = sum(1 for item in result.items if item.date_problem == problem)
        if count:
            result.notes.append({"code": code, "params": {"count": count}})
    cut = sum(1 for item in result.items if item.truncated)
    if cut:
        result.notes.append(
            {
                "code": "items_cut",
                "params": {"count": cut, "limit": settings.SYNDICATION_ITEM_MAX_CHARS},
            }
        )
    # Dates and shortened items are remarks, not failures: the feed stays "working" (an RSS
    # item without pubDate is valid RSS) and its listing says what was done.
    return result
