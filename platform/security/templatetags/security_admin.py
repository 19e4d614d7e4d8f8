"""Template tags of the admin templates that replace Wagtail's inline scripts
(security.admin_csp)."""

import json

from django import template

from ..admin_csp import init_data

register = template.Library()


@register.simple_tag
def admin_init(name, *args):
    """{% admin_init "initDateChooser" widget.attrs.id config %}: admin-init.js calls the
    initialiser with these arguments."""
    return init_data(name, *args)


@register.filter
def from_json(text):
    """Wagtail hands some options to templates as JSON text; admin_init wants values."""
    return json.loads(text)
