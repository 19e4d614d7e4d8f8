"""Enforce two-factor authentication for administrators and specialists when the platform
policy (PlatformSettings.require_mfa_for_admins) asks for it.

Such a user without a TOTP authenticator is sent to allauth's TOTP activation page from any
admin page; the account pages themselves stay reachable so that they can set it up."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.mfa.models import Authenticator

from .roles import MFA_ROLES

PROTECTED_PREFIXES = ("/admin/",)


def user_needs_mfa(user):
    if not user.is_authenticated:
        return False
    if not (user.is_superuser or user.role_assignments.filter(role__in=MFA_ROLES).exists()):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMfaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(PROTECTED_PREFIXES) and request.user.is_authenticated:
            from schools.models import PlatformSettings

            if PlatformSettings.load().require_mfa_for_admins and user_needs_mfa(request.user):
                messages.warning(
                    request,
                    _(
                        "The platform requires two-factor authentication for your role: "
                        "set it up to continue."
                    ),
                )
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
