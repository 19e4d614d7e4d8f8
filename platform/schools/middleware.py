"""Resolve the Wagtail Site, its school or portal and its theme from the request's host."""

from django.http.request import split_domain_port
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from . import site_data
from .hosts import is_served
from .themes import DEFAULT_THEME, current_theme


def _site_for(request):
    """Wagtail's Site.find_for_request, with the answer for this host kept in the cache."""
    hostname, _port = split_domain_port(request.get_host())
    site = site_data.cached(
        "site", [Site], [hostname, request.get_port()], lambda: Site.find_for_request(request)
    )
    request._wagtail_site = site  # where Site.find_for_request looks first
    return site


def _school_for(site):
    if site is None:
        return None
    from .models import School

    return site_data.cached(
        "school",
        [School, "mektep_schools.District", "mektep_schools.Region"],
        [site.pk],
        lambda: School.objects.filter(site=site).select_related("district__region").first(),
    )


class SiteResolutionMiddleware:
    """An unknown host gets a neutral platform page (404) and nothing of any school; a known
    host gets request.site, request.school and its theme for the template loader."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname, _port = split_domain_port(request.get_host())
        if not is_served(hostname):
            return self.unknown_host(request)

        from .models import SchoolSiteSettings

        site = _site_for(request)
        request.site = site
        request.school = SimpleLazyObject(lambda: _school_for(site))
        site_settings = site_data.site_setting(SchoolSiteSettings, request) if site else None
        request.site_settings = site_settings
        token = current_theme.set(site_settings.theme if site_settings else DEFAULT_THEME)
        try:
            return self.get_response(request)
        finally:
            current_theme.reset(token)

    def unknown_host(self, request):
        # LocaleMiddleware has not run yet: pick the visitor's language here.
        language = translation.get_language_from_request(request)
        translation.activate(language)
        response = TemplateResponse(
            request, "schools/unknown_host.html", {"hostname": request.get_host()}, status=404
        )
        response.render()
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 raised by a view of an unprefixed route
    (the admin, documents, APIs) stays a 404. Django would redirect it to /<lang>/<path>,
    which Wagtail's catch-all route makes look valid: a missing admin object would bounce to
    a public 404 page instead of answering 404 itself."""

    def process_response(self, request, response):
        resolved_unprefixed = getattr(
            request, "resolver_match", None
        ) is not None and not translation.get_language_from_path(request.path_info)
        if response.status_code == 404 and resolved_unprefixed:
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
