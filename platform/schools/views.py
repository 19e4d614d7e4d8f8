"""Platform-level views: health check and the 404 page."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render


def health(request):
    """For load balancers: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def page_not_found(request, exception=None):
    # Rendered in the visitor's language (LocaleMiddleware activated it); no school content.
    return render(request, "404.html", status=404)
