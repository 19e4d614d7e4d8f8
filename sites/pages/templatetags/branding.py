"""{% site_branding as branding %}: the current site's logo and favicon URLs."""

from django import template

from ..branding import branding_for_site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_branding(context):
    request = context.get("request")
    return branding_for_site(getattr(request, "site", None))
