"""Page regions that apps fill without editing the theme's base template.

base.html declares regions ("head", "body_start", "header", "footer", "body_end"); an app
contributes to one by shipping the template ``regions/<app_label>/<region>.html``. Fragments
render in INSTALLED_APPS order with the page's context. Themes can override a fragment like
any other template; which fragments exist is worked out once per process."""

from functools import cache

from django import template
from django.apps import apps
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.safestring import mark_safe

register = template.Library()

REGIONS = ("head", "body_start", "header", "footer", "body_end")


@cache
def _fragment_names(region):
    names = []
    for config in apps.get_app_configs():
        name = f"regions/{config.label}/{region}.html"
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
        names.append(name)
    return tuple(names)


@register.simple_tag(takes_context=True)
def region(context, name):
    if name not in REGIONS:
        raise template.TemplateSyntaxError(f"Unknown region {name!r}; known: {REGIONS}")
    parts = []
    flat = context.flatten()
    request = context.get("request")
    for fragment in _fragment_names(name):
        parts.append(get_template(fragment).render(flat, request))
    return mark_safe("".join(parts))  # noqa: S308 - fragments are project templates, autoescaped
