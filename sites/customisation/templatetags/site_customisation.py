from django import template
from django.utils.safestring import mark_safe

from wagtail.models import Site

from schools import site_data

from ..models import SiteCustomisation

register = template.Library()


@register.simple_tag(takes_context=True)
def site_customisation(context):
    """The customisation of the request's own site (never another site's), or None."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    # Three regions ask on every page: kept in the cache until the customisation changes.
    return site_data.cached(
        "customisation",
        [SiteCustomisation],
        [site.pk],
        lambda: SiteCustomisation.objects.filter(site=site).first(),
    )


@register.filter
def cleaned_fragment(value):
    # Stored already cleaned by nh3 in SiteCustomisation.save(); output as HTML, never
    # rendered as a template.
    return mark_safe(value or "")  # noqa: S308
