"""Public and account views: security.txt, the privacy notice, and the account's security
page (log out everywhere, data download, deletion request)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wagtail.log_actions import log

from .consent import SIGNUP
from .models import DeletionRequest
from .personal_data import export_user_data_json
from .public import public_view
from .sessions import end_all_sessions


@require_GET
@public_view("security.txt (RFC 9116) must be readable by anyone")
def security_txt(request):
    expires = (timezone.now() + timezone.timedelta(days=180)).strftime("%Y-%m-%dT00:00:00Z")
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_TXT_CONTACTS]
    lines += [
        f"Expires: {expires}",
        "Preferred-Languages: kk, ru, en",
        f"Canonical: {request.scheme}://{request.get_host()}/.well-known/security.txt",
    ]
    if settings.SECURITY_TXT_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_TXT_POLICY_URL}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@public_view("the privacy notice is for everyone, before they sign up")
def privacy(request):
    return render(
        request,
        "security/privacy.html",
        {
            "signup_purpose": SIGNUP,
            "retention": settings.SECURITY_RETENTION_DAYS,
            "deletion_grace_days": settings.SECURITY_DELETION_GRACE_DAYS,
            "page": None,  # base.html's language switcher reads it
        },
    )


@login_required
@require_GET
def account_security(request):
    pending = DeletionRequest.objects.filter(
        user=request.user, status=DeletionRequest.Status.PENDING
    ).first()
    return render(
        request,
        "security/account_security.html",
        {
            "sessions": request.user.tracked_sessions.order_by("-created_at"),
            "current_session_key": request.session.session_key,
            "pending_deletion": pending,
            "deletion_grace_days": settings.SECURITY_DELETION_GRACE_DAYS,
            "page": None,
        },
    )


@login_required
@require_POST
def logout_everywhere(request):
    user = request.user
    end_all_sessions(user, keep_session_key=request.session.session_key)
    log(user, "mektep.security.logout_everywhere", user=user)
    logout(request)
    messages.success(request, _("You have been logged out on every device."))
    return redirect("account_login")


@login_required
@require_GET
def data_download(request):
    response = HttpResponse(
        export_user_data_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mektep-my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def request_deletion(request):
    if request.POST.get("cancel"):
        DeletionRequest.objects.filter(
            user=request.user, status=DeletionRequest.Status.PENDING
        ).update(status=DeletionRequest.Status.CANCELLED, processed_at=timezone.now())
        messages.success(request, _("Your deletion request was cancelled."))
        return redirect("security_account")
    _request, created = DeletionRequest.objects.get_or_create(
        user=request.user, status=DeletionRequest.Status.PENDING
    )
    if created:
        log(request.user, "mektep.security.deletion_requested", user=request.user)
    messages.success(
        request,
        _(
            "Your request is registered. Your account will be deleted in %(days)d days "
            "unless you cancel the request before then."
        )
        % {"days": settings.SECURITY_DELETION_GRACE_DAYS},
    )
    return redirect("security_account")
