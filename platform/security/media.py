"""Serving public media (issue 24, finding 3): what a school or a visitor uploaded never runs
as a page. Raster images display inline (pictures on pages); every other file downloads as
an attachment, and all of them carry nosniff and a sandboxing CSP, so even a file a browser
chose to render runs no script and shares no origin with anything.

The development server serves /media/ through `serve_media`; in production the web server
serves MEDIA_ROOT with the same headers (docs/deployment.md). Private files are not under
MEDIA_ROOT at all (security.storage); their prefixes answer 404 here even if a stale copy
were left behind."""

import mimetypes

from django.conf import settings
from django.http import Http404
from django.views.static import serve

from .storage import is_private_name

# What may display inline: raster formats browsers never execute.
INLINE_CONTENT_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp"}
)
SANDBOX_POLICY = "default-src 'none'; sandbox"


def harden_file_response(response, content_type=None):
    """Headers for a served user file: attachment unless a raster image, nosniff, sandbox."""
    content_type = (content_type or response.get("Content-Type", "")).split(";")[0].strip()
    if content_type not in INLINE_CONTENT_TYPES:
        if not response.get("Content-Disposition", "").startswith("attachment"):
            response["Content-Disposition"] = "attachment"
        if content_type.startswith(("text/", "application/xhtml", "image/svg")):
            # Never let a browser treat an uploaded page as one, even if it ignores the
            # attachment header.
            response["Content-Type"] = "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_POLICY
    return response


def serve_media(request, path):
    if is_private_name(path):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    guessed, _encoding = mimetypes.guess_type(path)
    return harden_file_response(response, guessed or "application/octet-stream")
