"""Sanitising of HTML that comes from outside feeds, with nh3 (ammonia).

Scripts, styles, frames, forms and every on* handler go; text formatting, links and images
stay; relative links and image sources are resolved against the item's own address."""

import html
import re
from urllib.parse import urljoin, urlsplit

import nh3

# The text rules news pages share with their feeds (control characters, link schemes).
from sites.news.text import LINK_SCHEMES, safe_url, strip_invalid  # noqa: F401

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "em", "figcaption", "figure",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "q", "s",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
URL_ATTRIBUTES = {("a", "href"), ("img", "src")}
SAFE_SCHEMES = {"http", "https", "mailto"}
CONTENT_DROPPED_TAGS = {"script", "style", "iframe", "object", "embed", "template", "noscript"}


def sanitize_html(fragment, base_url=""):
    def resolve(element, attribute, value):
        if (element, attribute) not in URL_ATTRIBUTES:
            return value
        absolute = urljoin(base_url, value.strip()) if base_url else value.strip()
        if urlsplit(absolute).scheme not in SAFE_SCHEMES:
            return None
        return absolute

    return nh3.clean(
        fragment or "",
        tags=ALLOWED_TAGS,
        clean_content_tags=CONTENT_DROPPED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=resolve,
        url_schemes=SAFE_SCHEMES,
        link_rel="noopener noreferrer",
    )


# A real HTML tag (a known element name), so that "x<y и y>z" stays text while
# "<b>bold</b>" and "a<br>b" are read as markup.
HTML_TAG = re.compile(
    r"</?(?:a|abbr|b|big|blockquote|br|center|cite|code|del|div|em|font|h[1-6]|hr|i|img|ins|"
    r"kbd|li|mark|ol|p|pre|q|s|small|span|strike|strong|sub|sup|table|td|th|tr|tt|u|ul|"
    r"script|style|iframe|object|embed|noscript|template)(?:\s[^<>]*)?/?>",
    re.I,
)


def plain_text(fragment, limit=None, is_html=None):
    """Text of a title or summary. `is_html` says whether the fragment is markup (feedparser
    knows for Atom); when unknown, it is markup only if it holds a real HTML tag, so that a
    plain "x<y и y>z" keeps its characters."""
    fragment = strip_invalid(fragment or "")
    if is_html is None:
        is_html = bool(HTML_TAG.search(fragment))
    if is_html:
        text = nh3.clean(fragment, tags=set(), clean_content_tags=CONTENT_DROPPED_TAGS)
        text = html.unescape(text)
    else:
        text = fragment
    text = " ".join(strip_invalid(text).split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text
