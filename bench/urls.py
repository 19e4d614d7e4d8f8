from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from mektep.urls import urlpatterns as platform_urlpatterns

BARE_BODY = Path(__file__).resolve().parent / ".bare-body.html"


def bare(request):
    """A bare Django view returning the same bytes as the school home page."""
    return HttpResponse(BARE_BODY.read_bytes())


urlpatterns = [path("__bench__/bare", bare), *platform_urlpatterns]
