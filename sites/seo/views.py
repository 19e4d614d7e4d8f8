"""robots.txt and sitemap.xml of the site the request is for."""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .models import SeoSettings
from .sitemap import MultilingualSitemap


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /*/accounts/"]
    site = getattr(request, "site", None)
    if site is not None:
        extra = SeoSettings.for_site(site).robots_extra.strip()
        if extra:
            lines += ["", *(line.strip() for line in extra.splitlines())]
    lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=3600, public=True)
def sitemap_xml(request):
    return wagtail_sitemap(request, sitemaps={"pages": MultilingualSitemap})
