"""Helpers for django-axes: which login an attempt targets, and the admin unlock path."""

from django.conf import settings
from django.db.models import Sum

from axes.models import AccessAttempt
from axes.utils import reset


def login_of(request, credentials):
    """The account an attempt targets, whatever the form calls the field: allauth posts
    `login` and authenticates with `email`, Wagtail's admin form posts `username`."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None and request.method == "POST":
        value = request.POST.get("login") or request.POST.get("username")
    return (value or "").strip().lower() or None


def locked_accounts():
    """(username, failures) of accounts at or over the failure limit."""
    return (
        AccessAttempt.objects.exclude(username__isnull=True)
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("username")
    )


def locked_addresses():
    """(ip_address, failures) of client addresses at or over the failure limit."""
    return (
        AccessAttempt.objects.exclude(ip_address__isnull=True)
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("ip_address")
    )


def unlock(username=None, ip_address=None):
    """Clear the failed attempts of an account or of a client address; returns how many
    attempt records were removed."""
    removed = 0
    if username:
        removed += reset(username=username)
    if ip_address:
        removed += reset(ip=ip_address)
    return removed


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out client sees (AXES_LOCKOUT_CALLABLE): a page in its language with
    the way out, status 429."""
    from django.shortcuts import render

    hours = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 3600))
    # page=None: base.html's language switcher needs the variable even outside pages.
    return render(
        request, "security/lockout.html", {"cooloff_hours": hours, "page": None}, status=429
    )
