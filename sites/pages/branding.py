"""The logo and favicon of the request's site, as URLs cached per site.

Rendering them costs a settings query and one rendition query per size on every page; the
cache keeps that to one cache read. Saving the setting or changing one of its images forgets
the entry and bumps the site's anonymous page cache (signals.py)."""

from django.core.cache import cache

from wagtail.images.models import SourceImageIOError

CACHE_KEY = "sites_pages:branding:{site_id}"
LOGO_FILTER = "max-400x120"
FAVICON_SIZES = (32, 180)


def _rendition(image, spec):
    try:
        rendition = image.get_rendition(spec)
    except (SourceImageIOError, OSError):
        # A missing file must not break every page of the site.
        return None
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


def build_branding(site):
    from .models import SiteBranding

    setting = SiteBranding.objects.filter(site=site).select_related("logo", "favicon").first()
    data = {"logo": None, "favicons": []}
    if setting is None:
        return data
    if setting.logo is not None:
        data["logo"] = _rendition(setting.logo, f"{LOGO_FILTER}|format-png")
    if setting.favicon is not None:
        for size in FAVICON_SIZES:
            rendition = _rendition(setting.favicon, f"fill-{size}x{size}|format-png")
            if rendition:
                data["favicons"].append({**rendition, "size": size})
    return data


def branding_for_site(site):
    if site is None:
        return {"logo": None, "favicons": []}
    key = CACHE_KEY.format(site_id=site.pk)
    data = cache.get(key)
    if data is None:
        data = build_branding(site)
        cache.set(key, data, None)
    return data


def forget_branding(site_id):
    cache.delete(CACHE_KEY.format(site_id=site_id))
