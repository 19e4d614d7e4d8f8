from django import template
from django.utils import timezone

from schools import site_data
from sites.seo.models import SeoSettings

from ..models import MaintenanceWindow, TerritoryLink
from ..weather import current_weather

register = template.Library()


@register.simple_tag
def maintenance_windows():
    # The windows that have not ended come from the cache (until one is saved); which of them
    # show depends on the time of the request.
    now = timezone.now()
    windows = site_data.cached(
        "maintenance",
        [MaintenanceWindow],
        [],
        lambda: list(MaintenanceWindow.objects.filter(ends_at__gt=now).order_by("starts_at")),
    )
    return [w for w in windows if w.shows_from <= now < w.ends_at]


@register.simple_tag(takes_context=True)
def territory_links(context):
    school = context.get("current_school")
    if not school:
        return []
    return site_data.cached(
        "territory-links",
        [TerritoryLink, "mektep_schools.District"],
        [school.district_id],
        lambda: list(TerritoryLink.objects.for_school(school)),
    )


@register.simple_tag(takes_context=True)
def school_weather(context):
    """None when the site is no school; {"weather": None} is the empty state."""
    request = context.get("request")
    school = context.get("current_school")
    if request is None or not school:
        return None
    settings = site_data.site_setting(SeoSettings, request)
    if settings.latitude is None or settings.longitude is None:
        return None
    return {
        "weather": current_weather(settings.latitude, settings.longitude),
        "place": settings.locality or school.district.name,
    }
