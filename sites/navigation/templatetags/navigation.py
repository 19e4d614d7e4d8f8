"""{% site_menu "main" as items %}: the current site's menu in the active language."""

from django import template
from django.utils.translation import get_language

from ..menus import menu_items

register = template.Library()


@register.simple_tag(takes_context=True)
def site_menu(context, location):
    request = context.get("request")
    return menu_items(getattr(request, "site", None), location, get_language())
