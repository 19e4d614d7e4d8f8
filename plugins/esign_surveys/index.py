"""/<language>/surveys/: the site's open surveys and polls, so the section's own address is a
page (it was a 404) and menus can link to it."""

from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from .models import Survey


def survey_index(request):
    now = timezone.now()
    surveys = (
        Survey.objects.filter(site=request.site)
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .order_by("closes_at", "-pk")
    )
    return render(request, "esign_surveys/survey_index.html", {"surveys": surveys, "page": None})
