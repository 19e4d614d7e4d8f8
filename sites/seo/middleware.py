"""Content Security Policy additions for the analytics a site has switched on.

The platform's policy allows scripts of its own origin only. A site with a GA4, GTM or Yandex
Metrika id needs those services' origins, and only that site: this middleware (placed inside
the CSP middleware, see settings) adds them to the response's policy through django-csp's
per-response update. The anonymous page cache stores the header with the page, so cached pages
keep the matching policy."""

from django.conf import settings

from schools import site_data

from .models import SeoSettings

GOOGLE = {
    "script-src": ["https://www.googletagmanager.com"],
    "connect-src": [
        "https://www.googletagmanager.com",
        "https://*.google-analytics.com",
        "https://*.analytics.google.com",
    ],
}
YANDEX = {
    "script-src": ["https://mc.yandex.ru", "https://yastatic.net"],
    "connect-src": ["https://mc.yandex.ru", "https://mc.yandex.kz"],
    "frame-src": ["https://mc.yandex.ru"],
}


def analytics_origins(site_settings):
    directives = {}
    services = []
    if site_settings.ga4_id or site_settings.gtm_id:
        services.append(GOOGLE)
    if site_settings.yandex_metrika_id:
        services.append(YANDEX)
    for service in services:
        for directive, origins in service.items():
            directives.setdefault(directive, []).extend(origins)
    return directives


class AnalyticsCspMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        site = getattr(request, "site", None)
        content_type = response.get("Content-Type", "")
        if (
            site is None
            or response.status_code != 200
            or not content_type.startswith("text/html")
            or request.path_info.startswith(self.admin_prefix)
            or not getattr(settings, "CONTENT_SECURITY_POLICY", None)
        ):
            return response
        site_settings = site_data.site_setting(SeoSettings, request)
        if site_settings.has_analytics:
            update = dict(getattr(response, "_csp_update", None) or {})
            for directive, origins in analytics_origins(site_settings).items():
                update[directive] = [*update.get(directive, []), *origins]
            response._csp_update = update
        return response
