"""Two-factor authentication, enforced per session.

1. A user who has an MFA authenticator (TOTP) must have passed it *in this session*: allauth
   records each authentication step of a session (`get_authentication_records`), and only
   its login flow asks for the code. A session that was opened any other way (Wagtail's
   admin login, Wagtail's `_util/login/`, a login added later) carries no "mfa" record: it
   is ended and the browser is sent to the allauth login, which asks for the code. The
   password-only login forms themselves redirect to allauth's (accounts.login_paths), so
   this check is the second line, for every path and every session.
2. When the platform policy (PlatformSettings.require_mfa_for_admins) asks for it,
   administrators and specialists (accounts.roles.MFA_ROLES, superusers) without an
   authenticator are sent to allauth's TOTP activation page from any admin page; the account
   pages stay reachable so that they can set it up.

Activating TOTP proves the user holds the device (allauth asks for a valid code), so it
counts as this session's second factor (`record_activation`)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added

from .roles import MFA_ROLES

PROTECTED_PREFIXES = ("/admin/",)
# Second factors: recovery codes only complete a login next to another authenticator.
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, "webauthn")


def _second_factor_key(user_id):
    return f"mfa:second-factor:{user_id}"


def has_second_factor(user):
    # Asked on every signed-in request: the answer is cached (shared cache, 5 minutes) and
    # dropped the moment an authenticator is added or removed, so it costs no query per page.
    key = _second_factor_key(user.pk)
    value = cache.get(key)
    if value is None:
        value = Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES).exists()
        cache.set(key, value, 300)
    return value


@receiver(post_save, sender=Authenticator)
@receiver(post_delete, sender=Authenticator)
def forget_second_factor(sender, instance, **kwargs):
    cache.delete(_second_factor_key(instance.user_id))


def session_passed_mfa(request, user):
    """Whether this session completed a second factor for this user (allauth's records are
    bound to the user they were made for)."""
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def user_needs_mfa(user):
    if not user.is_authenticated:
        return False
    if not (user.is_superuser or user.role_assignments.filter(role__in=MFA_ROLES).exists()):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


@receiver(authenticator_added)
def record_activation(sender, request, user, authenticator, **kwargs):
    if request is not None and authenticator.type in SECOND_FACTOR_TYPES:
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True
        )


class RequireMfaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            if not session_passed_mfa(request, user) and has_second_factor(user):
                # Opened without the second factor: this session is not the user's.
                logout(request)
                messages.warning(
                    request,
                    _("Sign in with your password and your authenticator app's code."),
                )
                return redirect_to_login(request.get_full_path(), reverse("account_login"))
            if request.path.startswith(PROTECTED_PREFIXES):
                from schools.models import PlatformSettings

                if PlatformSettings.load().require_mfa_for_admins and user_needs_mfa(user):
                    messages.warning(
                        request,
                        _(
                            "The platform requires two-factor authentication for your role: "
                            "set it up to continue."
                        ),
                    )
                    return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
