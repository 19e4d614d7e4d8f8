"""The maintenance e-mail to every school site administrator, once per window and person.

Runs from beat every few minutes. For each window whose banner period has begun and that has
not ended: a delivery row per administrator is created (unique: a retry or a parallel run
finds it), the e-mail is sent in the administrator's language and the row stamped. A crash
between sending and stamping can repeat that one e-mail on retry, never skip it."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import RoleAssignment
from accounts.roles import Role
from schools.page_cache import invalidate_site_pages

from .models import MaintenanceDelivery, MaintenanceWindow


def school_admins():
    from accounts.models import User

    return User.objects.filter(
        is_active=True,
        pk__in=RoleAssignment.objects.filter(role=Role.SITE_ADMIN, school__isnull=False).values(
            "user"
        ),
    ).exclude(email="")


def _delivery(window, user):
    try:
        with transaction.atomic():
            return MaintenanceDelivery.objects.get_or_create(window=window, user=user)[0]
    except IntegrityError:
        return MaintenanceDelivery.objects.get(window=window, user=user)


def send_one(window, user):
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"window": window, "user": user, "message": window.message}
        subject = render_to_string("sites_notices/maintenance_subject.txt", context).strip()
        body = render_to_string("sites_notices/maintenance_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def announce(now=None):
    """Returns the number of e-mails sent."""
    now = now or timezone.now()
    sent = 0
    for window in MaintenanceWindow.to_show(now).filter(announced_at__isnull=True):
        # The banner period begins: cached pages must show it now, not after they expire.
        invalidate_site_pages()
        for user in school_admins():
            delivery = _delivery(window, user)
            if delivery.sent_at is not None:
                continue
            send_one(window, user)
            MaintenanceDelivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now())
            sent += 1
        MaintenanceWindow.objects.filter(pk=window.pk).update(announced_at=timezone.now())
    return sent
