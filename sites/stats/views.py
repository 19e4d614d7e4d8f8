"""The beacon endpoint: the static script of every public page posts one view here.

Counting happens here and not in the page's own request, so pages served from the anonymous
page cache are counted as well and the cache stays untouched."""

import json
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .recording import record

MAX_BODY = 4096


def from_this_site(request):
    """Whether a browser sent the hit from a page of this very host. Browsers mark every
    POST with Origin and (all current ones) Sec-Fetch-Site, so a page of another site that
    posts here is recognised; a request with none of the headers comes from no browser page
    (a script can forge anything, and is no cross-site attack on visitors' browsers)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    host = request.get_host().lower()
    for header in ("Origin", "Referer"):
        value = request.headers.get(header)
        if value is None:
            continue
        # Origin decides when present; Referer only in its absence.
        return value != "null" and urlsplit(value).netloc.lower() == host
    return True


@csrf_exempt  # a counter: no state of the visitor changes, and no cookie is read
@require_POST
def hit(request):
    site = getattr(request, "site", None)
    if site is None or len(request.body) > MAX_BODY:
        return HttpResponse(status=400)
    if not from_this_site(request):
        return HttpResponse(status=403)
    try:
        payload = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return HttpResponse(status=400)
    if not isinstance(payload, dict):
        return HttpResponse(status=400)
    record(request, site, payload)
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response
