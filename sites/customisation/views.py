from django.http import HttpResponse
from django.views.decorators.http import require_GET

from wagtail.models import Site

from .models import SiteColours


@require_GET
def colours_css(request):
    """The site's colours as CSS, for the host that asks only."""
    site = Site.find_for_request(request)
    css = SiteColours.for_site(site).stylesheet() if site else "\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response
