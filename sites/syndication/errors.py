"""Why a feed could not be read, in words: codes are stored, messages rendered in the reader's
language."""

from django.utils.translation import gettext as _


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
        "internal": _("The feed could not be processed (%(detail)s)."),
        "forbidden_address": _(
            "The address %(host)s is not allowed: only public http(s) addresses can be used."
        ),
    }
    if not code:
        return ""
    message = messages.get(code)
    if message is None:
        return code
    try:
        return message % params
    except (KeyError, TypeError, ValueError):
        return message
