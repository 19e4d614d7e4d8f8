"""Checks for custom code typed by a school admin. Nothing here is ever rendered as a Django
template: CSS and JS are served as plain files from the site's own host, HTML fragments are
cleaned by nh3 (no scripts, no event handlers, no style attributes)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

import nh3

MAX_CSS_BYTES = 50 * 1024
MAX_JS_BYTES = 50 * 1024
MAX_HTML_BYTES = 20 * 1024

STYLE_BREAKOUT = re.compile(r"</\s*style|<\s*/?\s*script|<!--", re.IGNORECASE)
SCRIPT_BREAKOUT = re.compile(r"</\s*script|<!--", re.IGNORECASE)

HTML_TAGS = {
    "a", "abbr", "b", "br", "div", "em", "h2", "h3", "h4", "i", "img", "li", "nav", "ol",
    "p", "small", "span", "strong", "ul",
}  # fmt: skip
HTML_ATTRIBUTES = {
    "*": {"class", "lang", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "nav": {"aria-label"},
}


def check_size(value, limit):
    size = len((value or "").encode("utf-8"))
    if size > limit:
        raise ValidationError(
            _("This is %(size)d KB; the limit is %(limit)d KB.")
            % {"size": (size + 1023) // 1024, "limit": limit // 1024}
        )


def validate_css(value):
    check_size(value, MAX_CSS_BYTES)
    if STYLE_BREAKOUT.search(value or ""):
        raise ValidationError(
            _("CSS must not contain </style>, <script> or <!--: it is refused as a break-out.")
        )


def validate_js(value):
    check_size(value, MAX_JS_BYTES)
    if SCRIPT_BREAKOUT.search(value or ""):
        raise ValidationError(
            _("JavaScript must not contain </script> or <!--: it is refused as a break-out.")
        )


def validate_html(value):
    check_size(value, MAX_HTML_BYTES)


def clean_html(value):
    return nh3.clean(
        value or "",
        tags=HTML_TAGS,
        attributes=HTML_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
