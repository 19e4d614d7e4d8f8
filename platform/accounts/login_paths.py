"""Every password login of the site goes through allauth's login, which asks for the second
factor of accounts that have one and is covered by the lock-out and rate limits.

Wagtail ships two more password logins: the admin's `/admin/login/` and the front end's
`/<lang>/_util/login/`. Both would open a session on the password alone, so they are
replaced (security/root_urls.py and security/urls.py mount these views in front of
Wagtail's): they never read a password and send the browser to allauth's login, keeping a
safe `next`. accounts.mfa_policy.RequireMfaMiddleware also ends any session that skipped
the second factor, whatever opened it.

`/admin/logout/` stays Wagtail's for POST (its menu posts a form with the CSRF token). For
other methods Wagtail's view answers 405 but still deletes the session cookie, so a link or
image pointing at it from anywhere would log an administrator out: here they get a 405 and
nothing else."""

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from wagtail.admin.views.account import LogoutView


def _safe_next(request, default):
    candidate = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def admin_login(request):
    """Wagtail's admin login, replaced: the allauth login, then back to the admin."""
    return redirect_to_login(_safe_next(request, reverse("wagtailadmin_home")), "account_login")


def frontend_login(request):
    """Wagtail's front-end `_util/login/`, replaced by the allauth login."""
    return redirect_to_login(_safe_next(request, "/"), "account_login")


def admin_logout(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return LogoutView.as_view()(request)
