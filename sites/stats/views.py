"""The beacon endpoint: the static script of every public page posts one view here.

Counting happens here and not in the page's own request, so pages served from the anonymous
page cache are counted as well and the cache stays untouched."""

import json

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .recording import record

MAX_BODY = 4096


@csrf_exempt  # a counter: no state of the visitor changes, and no cookie is read
@require_POST
def hit(request):
    site = getattr(request, "site", None)
    if site is None or len(request.body) > MAX_BODY:
        return HttpResponse(status=400)
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
