"""Sanitising of HTML that comes from outside feeds, with nh3 (ammonia).

Scripts, styles, frames, forms and every on* handler go; text formatting, links and images
stay; relative links and image sources are resolved against the item's own address."""

import html
from urllib.parse import urljoin, urlsplit

import nh3

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


def plain_text(fragment, limit=None):
    """Text of an HTML fragment (titles and summaries may carry markup or entities)."""
    text = nh3.clean(fragment or "", tags=set(), clean_content_tags=CONTENT_DROPPED_TAGS)
    text = " ".join(html.unescape(text).split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text
