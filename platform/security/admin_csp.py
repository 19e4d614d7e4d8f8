"""The Wagtail admin without inline scripts, so that its Content-Security-Policy needs no
'unsafe-inline' for scripts.

Wagtail 7.4 still starts a few widgets with an inline ``<script>`` (date and time pickers,
the choosers of ordinary forms, inline panels; wagtail/wagtail#12940). The platform renders
each of them instead as inert data, ``<script type="application/json" data-admin-init="NAME">
[arguments]</script>``, which browsers never execute, and ``security/admin-init.js`` (a
static file) calls the initialiser NAME with the arguments, for the page as parsed and for
HTML added later (modals, new inline forms). Only the initialisers listed here and in that
file can be called, and only with JSON data: markup injected into the admin gains nothing a
widget does not already do.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# Keep in step with INITIALISERS in static/security/admin-init.js.
INITIALISERS = frozenset(
    {
        "initDateChooser",
        "initTimeChooser",
        "initDateTimeChooser",
        "Chooser",
        "PageChooser",
        "ImageChooser",
        "DocumentChooser",
        "SnippetChooser",
        "createTaskChooser",
        "InlinePanel",
        "MultipleChooserPanel",
    }
)
# "<", ">" and "&" escaped inside the JSON, so that no value can close the script element.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def init_data(name, *args):
    """The inert element that makes admin-init.js call initialiser `name` with `args`."""
    if name not in INITIALISERS:
        raise ValueError(f"{name!r} is not an admin initialiser known to admin-init.js")
    payload = json.dumps(list(args), cls=DjangoJSONEncoder).translate(_JSON_ESCAPES)
    return format_html(
        '<script type="application/json" data-admin-init="{}">{}</script>',
        name,
        mark_safe(payload),  # noqa: S308 - JSON with <, > and & escaped above
    )


def _chooser_initialiser(widget, id_, name, value_data):
    """(initialiser, *arguments) of a chooser widget, or None for a chooser whose start-up
    this module does not know (it keeps Wagtail's inline script; the CSP browser test
    reports it)."""
    from wagtail.admin.widgets import BaseChooser
    from wagtail.admin.widgets.workflows import AdminTaskChooser

    if type(widget).render_js_init is AdminTaskChooser.render_js_init:
        return ("createTaskChooser", id_)
    if type(widget).render_js_init is not BaseChooser.render_js_init:
        return None
    if widget.js_constructor not in INITIALISERS:
        return None
    return (widget.js_constructor, id_, widget.get_js_init_options(id_, name, value_data))


def install_chooser_rendering():
    """Choosers of ordinary (non-StreamField) forms render their start-up as data. Wagtail
    builds that inline script in Python (BaseChooser.render), not in a template, so the
    method is replaced here, once, at start-up (security.apps)."""
    from wagtail.admin.widgets import BaseChooser

    wagtail_render = BaseChooser.render

    def render(self, name, value, attrs=None, renderer=None):
        if not attrs or "id" not in attrs:
            return wagtail_render(self, name, value, attrs=attrs, renderer=renderer)
        value_data = self.get_value_data(value)
        initialiser = _chooser_initialiser(self, attrs["id"], name, value_data)
        if initialiser is None:
            return wagtail_render(self, name, value, attrs=attrs, renderer=renderer)
        return self.render_html(name, value_data, attrs) + init_data(*initialiser)

    render.wagtail_render = wagtail_render
    BaseChooser.render = render
