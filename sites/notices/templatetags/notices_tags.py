from django import template

from sites.seo.models import SeoSettings

from ..models import MaintenanceWindow, TerritoryLink
from ..weather import current_weather

register = template.Library()


@register.simple_tag
def maintenance_windows():
    return list(MaintenanceWindow.to_show())


@register.simple_tag(takes_context=True)
def territory_links(context):
    school = context.get("current_school")
    if not school:
        return []
    return list(TerritoryLink.objects.for_school(school))


@register.simple_tag(takes_context=True)
def school_weather(context):
    """None when the site is no school; {"weather": None} is the empty state."""
    request = context.get("request")
    school = context.get("current_school")
    if request is None or not school:
        return None
    settings = SeoSettings.for_request(request)
    if settings.latitude is None or settings.longitude is None:
        return None
    return {
        "weather": current_weather(settings.latitude, settings.longitude),
        "place": settings.locality or school.district.name,
    }
