"""URL configuration.

Language-independent routes (admin, documents, health) come first; everything public carries
its language prefix (/kk/, /ru/, /en/). Plugin URLs are mounted after the core's, each under
its own prefix and namespace, and answer 404 on sites where the plugin is disabled
(plugin_api.middleware.PluginSiteGateMiddleware)."""

from importlib.util import find_spec

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from security.media import serve_media

from plugin_api.urls import plugin_urlpatterns
from schools import views as school_views

# Apps of sites/ and search/ mount their routes by shipping `urls.py` (language-prefixed: feeds,
# search, vacancy board) and/or `root_urls.py` (no prefix: robots.txt, sitemap.xml, API).
SITE_APPS = [
    "sites.navigation",
    "sites.news",
    "sites.galleries",
    "sites.feedback",
    "sites.events",
    "sites.vacancies",
    "sites.seo",
    "sites.stats",
    "sites.notices",
    "sites.syndication",
    "sites.customisation",
    "search",
    "security",
    "roster",
]


def app_routes(module_name):
    return [
        path("", include(f"{app}.{module_name}"))
        for app in SITE_APPS
        if find_spec(f"{app}.{module_name}") is not None
    ]


urlpatterns = [
    *app_routes("root_urls"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", school_views.health, name="health"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    *app_routes("urls"),
    *plugin_urlpatterns(),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    # Development only (production's web server serves MEDIA_ROOT with the same headers):
    # uploads download as sandboxed attachments, only raster images display (issue 24).
    urlpatterns = [
        path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media),
    ] + urlpatterns

handler404 = "schools.views.page_not_found"
