from django import template

from schools import site_data

from ..models import SeoSettings
from ..structured_data import page_head

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_head(context):
    return page_head(context)


@register.simple_tag(takes_context=True)
def seo_settings(context):
    request = context.get("request")
    if request is None or getattr(request, "site", None) is None:
        return None
    return site_data.site_setting(SeoSettings, request)
