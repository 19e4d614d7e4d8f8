"""Sessions and devices: track each login's session (for "log out everywhere") and e-mail
administrators when their account logs in from a browser it never used before."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.core.mail import send_mail
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from axes.helpers import get_client_ip_address

from accounts.roles import MFA_ROLES, SCHOOL_ADMIN_ROLES

from .models import KnownDevice, UserSession

DEVICE_COOKIE = "mektep_device"
DEVICE_COOKIE_SALT = "security.device"
DEVICE_COOKIE_AGE = 60 * 60 * 24 * 365 * 2


def _device_hash(device_id):
    return hashlib.sha256(device_id.encode()).hexdigest()


def _client_ip(request):
    try:
        return get_client_ip_address(request)
    except Exception:  # a malformed forwarded header must not break the login
        return request.META.get("REMOTE_ADDR")


def is_administrator(user):
    """Accounts whose takeover would hurt many people: staff and the roles that administer
    sites or read children's data."""
    if user.is_superuser or user.is_staff:
        return True
    return user.role_assignments.filter(role__in=set(MFA_ROLES) | set(SCHOOL_ADMIN_ROLES)).exists()


def end_all_sessions(user, keep_session_key=None):
    """Log the user out of every browser (except, optionally, the current one)."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for tracked in UserSession.objects.filter(user=user):
        if tracked.session_key == keep_session_key:
            continue
        store(session_key=tracked.session_key).delete()
        tracked.delete()
        ended += 1
    return ended


@receiver(user_logged_in)
def track_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    if not request.session.session_key:
        request.session.save()
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:255]
    ip_address = _client_ip(request)
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "ip_address": ip_address, "user_agent": user_agent},
    )
    device_id = request.get_signed_cookie(DEVICE_COOKIE, default=None, salt=DEVICE_COOKIE_SALT)
    if device_id:
        known = KnownDevice.objects.filter(user=user, device_hash=_device_hash(device_id))
        if known.update(last_seen=timezone.now()):
            return
    else:
        device_id = secrets.token_urlsafe(24)
    # The response sets the cookie (DeviceCookieMiddleware): the signal has no response.
    request._security_device_id = device_id
    first_login = not KnownDevice.objects.filter(user=user).exists()
    KnownDevice.objects.get_or_create(
        user=user, device_hash=_device_hash(device_id), defaults={"user_agent": user_agent}
    )
    if not first_login and is_administrator(user):
        send_new_device_notice(user, ip_address, user_agent)


@receiver(user_logged_out)
def forget_session(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) is not None:
        UserSession.objects.filter(session_key=request.session.session_key).delete()


def send_new_device_notice(user, ip_address, user_agent):
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "ip_address": ip_address or "?",
            "user_agent": user_agent or "?",
            "time": timezone.localtime(),
            "base_url": settings.WAGTAILADMIN_BASE_URL,
        }
        send_mail(
            _("New sign-in to your Mektep account"),
            render_to_string("security/email/new_device.txt", context),
            None,
            [user.email],
        )


class DeviceCookieMiddleware:
    """Sets the device cookie chosen at login (see track_login)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        device_id = getattr(request, "_security_device_id", None)
        if device_id:
            response.set_signed_cookie(
                DEVICE_COOKIE,
                device_id,
                salt=DEVICE_COOKIE_SALT,
                max_age=DEVICE_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
