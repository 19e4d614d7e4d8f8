from django import template
from django.utils.translation import get_language

from ..aggregation import aggregated_entries, portal_for_site

register = template.Library()


@register.simple_tag(takes_context=True)
def current_portal(context):
    request = context.get("request")
    site = getattr(request, "site", None)
    return portal_for_site(site) if site else None


@register.inclusion_tag("sites_syndication/latest_school_news.html", takes_context=True)
def latest_school_news(context, limit=5):
    """The latest news of the portal's schools; for a portal's home page template."""
    portal = current_portal(context)
    entries = aggregated_entries(portal, get_language()[:2])[:limit] if portal else []
    return {"entries": entries, "portal": portal}
