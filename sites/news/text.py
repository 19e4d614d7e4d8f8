"""Text rules a news page shares with every channel that carries it: no control characters
(XML 1.0 cannot carry them, and one of them took a school's feeds down), and links only
over http(s)."""

import re
from urllib.parse import quote, urljoin, urlsplit

# Characters XML 1.0 cannot carry (C0 controls but tab, LF, CR; U+FFFE/U+FFFF; lone
# surrogates) and the C1 controls, which no one types on purpose: one of them in a title made
# every outbound feed of the school answer 500 (Django's feed writer refuses them).
INVALID_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def strip_invalid(text):
    """The text without XML-invalid and control characters."""
    return INVALID_CHARACTERS.sub("", text) if text else text


LINK_SCHEMES = {"http", "https"}


def safe_url(value, base=""):
    """An absolute http(s) URL made from `value` (resolved against `base`), or "" when it is
    anything else (javascript:, data:, vbscript:, unparseable ...). Tabs and newlines inside
    the scheme (java<TAB>script:) are how a link slips past naive checks: they are removed as
    browsers remove them, then the URL is parsed and its scheme checked."""
    value = strip_invalid(str(value or "")).strip()
    if not value:
        return ""
    try:
        absolute = urljoin(base, value) if base else value
        # Browsers drop tabs and newlines anywhere in a URL: check the scheme they would see.
        parts = urlsplit(re.sub(r"[\t\n\r]", "", absolute))
    except ValueError:
        return ""
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.hostname:
        return ""
    # Characters a URL cannot hold (quotes, angle brackets, spaces ...) are percent-encoded:
    # the URL stays one attribute value even where it is not escaped again.
    return quote(re.sub(r"[\t\n\r]", "", absolute), safe="!#$%&'()*+,/:;=?@[]~")


def clean_text_fields(instance, names):
    """Remove control characters from the instance's text fields, in place: what an editor
    pastes (or an import brings) never reaches a feed, a sitemap or an API with one."""
    for name in names:
        value = getattr(instance, name, None)
        if isinstance(value, str) and INVALID_CHARACTERS.search(value):
            setattr(instance, name, strip_invalid(value))
