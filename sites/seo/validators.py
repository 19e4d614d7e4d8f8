"""Formats of the ids and codes a site admin pastes from Google and Yandex.

Admins often paste the whole snippet the service shows them; the clean-up functions pull the
id or code out of it, and the validators reject anything that is still not in the format the
service issues, so that nothing unexpected ever lands in the page head."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

GA4_ID = re.compile(r"^G-[A-Z0-9]{4,16}$")
GTM_ID = re.compile(r"^GTM-[A-Z0-9]{4,12}$")
METRIKA_ID = re.compile(r"^[0-9]{4,12}$")
VERIFICATION_CODE = re.compile(r"^[A-Za-z0-9_\-]{8,128}$")
META_CONTENT = re.compile(r"content\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)

ROBOTS_DIRECTIVES = {
    "user-agent",
    "allow",
    "disallow",
    "crawl-delay",
    "clean-param",
    "sitemap",
    "host",
}


def extract_verification_code(value):
    """`<meta name="yandex-verification" content="abc">` -> `abc`; a bare code stays as is."""
    value = (value or "").strip()
    match = META_CONTENT.search(value)
    return match.group(1).strip() if match else value


def validate_ga4_id(value):
    if not GA4_ID.match(value):
        raise ValidationError(
            _("A Google Analytics 4 measurement id looks like G-XXXXXXXXXX."), code="invalid"
        )


def validate_gtm_id(value):
    if not GTM_ID.match(value):
        raise ValidationError(
            _("A Google Tag Manager container id looks like GTM-XXXXXXX."), code="invalid"
        )


def validate_metrika_id(value):
    if not METRIKA_ID.match(value):
        raise ValidationError(
            _("A Yandex Metrika counter id is a number of 4 to 12 digits."), code="invalid"
        )


def validate_verification_code(value):
    if not VERIFICATION_CODE.match(value):
        raise ValidationError(
            _(
                "Paste the verification code (letters, digits, - and _) or the whole meta tag "
                "the service shows you."
            ),
            code="invalid",
        )


def validate_robots_rules(value):
    """Each non-empty line is a comment or `Directive: value` with a directive robots.txt
    knows; the line numbers in the message point the admin to the mistake."""
    bad = []
    for number, line in enumerate((value or "").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        directive, colon, _rest = line.partition(":")
        if not colon or directive.strip().lower() not in ROBOTS_DIRECTIVES:
            bad.append(str(number))
    if bad:
        raise ValidationError(
            _("Lines %(lines)s are not robots.txt rules such as “Disallow: /path/”."),
            code="invalid",
            params={"lines": ", ".join(bad)},
        )
