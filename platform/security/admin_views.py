"""Wagtail admin views for platform administrators: lock-outs (with unlock) and the access
log. School admins do not reach them (superusers only)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.log_actions import log

from .lockout import locked_pairs, unlock
from .models import AccessLogEntry


def _require_platform_admin(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def lockouts(request):
    _require_platform_admin(request)
    return TemplateResponse(
        request,
        "security/admin/lockouts.html",
        {"pairs": locked_pairs()},
    )


@require_POST
def lockouts_unlock(request):
    _require_platform_admin(request)
    username = request.POST.get("username") or None
    ip_address = request.POST.get("ip_address") or None
    removed = unlock(username=username, ip_address=ip_address)
    from django.contrib.auth import get_user_model

    account = get_user_model().objects.filter(email=username).first() if username else None
    if account is not None:
        log(account, "mektep.security.unlock", user=request.user, data={"ip": ip_address})
    messages.success(
        request,
        _("Unlocked %(target)s (%(count)d records of failed attempts removed).")
        % {"target": " / ".join(filter(None, [username, ip_address])) or "-", "count": removed},
    )
    return redirect("security_lockouts")


def access_log(request):
    _require_platform_admin(request)
    entries = AccessLogEntry.objects.select_related("content_type", "site")
    query = request.GET.get("q", "").strip()
    if query:
        entries = entries.filter(user_label__icontains=query) | entries.filter(
            object_repr__icontains=query
        )
    page = Paginator(entries, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request, "security/admin/access_log.html", {"page_obj": page, "query": query}
    )
