"""Why a feed could not be read, in words: codes are stored, messages rendered in the reader's
language."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class FeedError(Exception):
    """A feed could not be fetched or read. `code` is a key of `describe`."""

    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


def describe(code, params=None):
    params = dict(params or {})
    messages = {
        "timeout": _("The feed did not answer in time (%(seconds)s seconds)."),
        "http_status": _("The feed's server answered with an error (HTTP %(status)s)."),
        "too_many_redirects": _(
            "The feed's address redirects too many times (more than %(limit)s); "
            "it may be a redirect loop."
        ),
        "too_large": _("The feed is larger than %(limit_mb)s MB; it was not imported."),
        "connection": _("The feed's server could not be reached: %(detail)s"),
        "malformed": _("The feed is not well-formed XML (%(detail)s)."),
        "encoding_unknown": _(
            "The feed is in an unknown character encoding (%(encoding)s); it was not imported."
        ),
        "encoding_mismatch": _(
            "The feed declares the encoding %(declared)s but is written in %(used)s; "
            "it was read as %(used)s."
        ),
        "not_a_feed": _("The address does not return an RSS, Atom or JSON feed."),
        "empty": _("The feed's server answered with an empty document."),
        "encoding_detected": _(
            "The feed does not declare its character encoding; it was read as %(used)s."
        ),
        "internal": _("The feed could not be processed (%(detail)s)."),
        "forbidden_address": _(
            "The address %(host)s is not allowed: only public http(s) addresses can be used."
        ),
    }
    count = params.get("count")
    count = int(count) if str(count or "").isdigit() else 0
    counted = {
        "dates_missing": ngettext(
            "%(count)s item has no date; the import time was used.",
            "%(count)s items have no date; the import time was used.",
            count,
        ),
        "dates_unparseable": ngettext(
            "%(count)s item has a date that could not be read; the import time was used.",
            "%(count)s items have a date that could not be read; the import time was used.",
            count,
        ),
        "dates_future": ngettext(
            "%(count)s item is dated in the future; it was dated with the import time.",
            "%(count)s items are dated in the future; they were dated with the import time.",
            count,
        ),
        "items_cut": ngettext(
            "%(count)s item is longer than %(limit)s characters; it was shortened and the "
            "news page says so.",
            "%(count)s items are longer than %(limit)s characters; they were shortened and "
            "their news pages say so.",
            count,
        ),
    }
    messages.update(counted)
    if not code:
        return ""
    message = messages.get(code)
    if message is None:
        return code
    try:
        return message % params
    except (KeyError, TypeError, ValueError):
        return message


def describe_all(code, params=None, notes=None):
    """The main problem and every further remark (notes: [{"code", "params"}]), one text."""
    parts = [describe(code, params)] if code else []
    parts += [describe(note.get("code"), note.get("params")) for note in notes or []]
    return " ".join(part for part in parts if part)
