"""The project's URLs plus the development server's /media/ route (security.media), for live
server tests of media serving (the test settings run with DEBUG off)."""

from django.conf import settings
from django.urls import path

from security.media import serve_media

from mektep.urls import handler404  # noqa: F401
from mektep.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media),
    *project_urlpatterns,
]
