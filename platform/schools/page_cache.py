"""Anonymous page cache per site and language, invalidated on publish.

Each site has a version number in the cache; a cached page's key carries it, so publishing a
page anywhere in a site bumps the version and every cached page of that site goes stale at
once, with no key scanning. Only anonymous GET/HEAD requests without a query string or
messages are cached, and only 200 responses that did not touch the CSRF token, set no
cookie and whose Cache-Control does not forbid shared caching (pages with forms, and views
that say `private`, `no-store` or `no-cache`, render fresh)."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from wagtail.models import Site

VERSION_KEY = "mektep:page-cache-version:{site_id}"
PAGE_KEY = "mektep:page:{site_id}:{version}:{language}:{digest}"


def _site_version(site_id):
    return cache.get_or_set(VERSION_KEY.format(site_id=site_id), 1, None)


def invalidate_site_pages(page=None):
    """Bump the version of the page's site, or of every site when no page is given."""
    if page is None:
        site_ids = list(Site.objects.values_list("pk", flat=True))
    else:
        site_ids = [
            site_id
            for site_id, root_path, _root_url, _language in Site.get_site_root_paths()
            if page.url_path.startswith(root_path)
        ] or list(Site.objects.values_list("pk", flat=True))
    for site_id in set(site_ids):
        key = VERSION_KEY.format(site_id=site_id)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 2, None)


def _cache_key(request):
    site = getattr(request, "site", None)
    if site is None:
        return None
    # Scheme, host and port are part of the key: one site answers on several of them, and
    # feeds and sitemaps carry absolute links (a cached feed once served another host's
    # self link).
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return PAGE_KEY.format(
        site_id=site.pk,
        version=_site_version(site.pk),
        language=get_language(),
        digest=digest,
    )


# A response that says any of these is not for a shared cache: Django's never_cache and
# cache_control(private=True), and views that answer per visitor.
UNCACHEABLE_DIRECTIVES = {"private", "no-store", "no-cache"}


def _allows_shared_caching(response):
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in response.get("Cache-Control", "").split(",")
    }
    return not directives & UNCACHEABLE_DIRECTIVES


def _is_cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and not request.user.is_authenticated
        and not request.path.startswith(("/admin/", "/documents/"))
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PAGE_CACHE_SECONDS", 300)

    def __call__(self, request):
        if not self.timeout or not _is_cacheable_request(request):
            return self.get_response(request)
        key = _cache_key(request)
        cached = cache.get(key) if key else None
        if cached is not None:
            return cached
        response = self.get_response(request)
        if (
            key
            and response.status_code == 200
            and not getattr(response, "streaming", False)
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.META.get("CSRF_COOKIE_USED")
            and not response.cookies
            and _allows_shared_caching(response)
        ):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            patch_vary_headers(response, ["Cookie"])
            cache.set(key, response, self.timeout)
        return response
