from django.http import HttpResponse
from django.views.decorators.http import require_GET

from wagtail.models import Site

from .models import SiteColours, SiteCustomisation


@require_GET
def colours_css(request):
    """The site's colours as CSS, for the host that asks only."""
    site = Site.find_for_request(request)
    css = SiteColours.for_site(site).stylesheet() if site else "\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _custom_file(request, field, content_type):
    site = Site.find_for_request(request)
    custom = SiteCustomisation.objects.filter(site=site).first() if site else None
    body = getattr(custom, field, "") if custom else ""
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = "public, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def custom_css(request):
    """The site's custom CSS as a plain file from its own host (never a template)."""
    return _custom_file(request, "custom_css", "text/css; charset=utf-8")


@require_GET
def custom_js(request):
    """The site's custom JavaScript, served from its own host only: it never reaches the
    admin (admin pages never link it) nor another site (looked up by the request's host)."""
    return _custom_file(request, "custom_js", "text/javascript; charset=utf-8")
