"""Retention: the scheduled task that deletes what the platform no longer needs and
anonymises accounts whose deletion was requested. Idempotent: each run deletes what is past
its period at that moment, so a retried or doubled run changes nothing more."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from celery import shared_task

from .models import AccessLogEntry, ConsentRecord, DeletionRequest, UserSession

_retention_rules = {}


def register_retention(name, apply):
    """`apply(now) -> int`: an app's own retention rule (delete or anonymise records past
    their period), run by the same scheduled task."""
    _retention_rules[name] = apply


def _older_than(days, now):
    return now - timedelta(days=days)


def apply_retention(now=None):
    from axes.models import AccessAttempt, AccessLog

    from .personal_data import anonymise_user

    now = now or timezone.now()
    days = settings.SECURITY_RETENTION_DAYS
    report = {}
    report["login_attempts"] = AccessAttempt.objects.filter(
        attempt_time__lt=_older_than(days["login_attempts"], now)
    ).delete()[0]
    report["login_log"] = AccessLog.objects.filter(
        attempt_time__lt=_older_than(days["login_attempts"], now)
    ).delete()[0]
    report["access_log"] = AccessLogEntry.objects.filter(
        timestamp__lt=_older_than(days["access_log"], now)
    ).delete()[0]
    report["sessions"] = UserSession.objects.filter(
        created_at__lt=now - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    ).delete()[0]
    # A consent of a form whose record is gone has done its work: keep it for its own
    # period (proof that consent was given), then remove it.
    expired = [
        c.pk
        for c in ConsentRecord.objects.filter(user__isnull=True).only("given_at", "retention_days")
        if c.given_at + timedelta(days=c.retention_days) < now
    ]
    report["consents"] = ConsentRecord.objects.filter(pk__in=expired).delete()[0]

    due = DeletionRequest.objects.filter(
        status=DeletionRequest.Status.PENDING,
        requested_at__lt=_older_than(settings.SECURITY_DELETION_GRACE_DAYS, now),
    ).select_related("user")
    anonymised = 0
    for deletion in due:
        if deletion.user is not None:
            anonymise_user(deletion.user)
            anonymised += 1
        deletion.status = DeletionRequest.Status.DONE
        deletion.processed_at = now
        deletion.save(update_fields=["status", "processed_at"])
    report["accounts_anonymised"] = anonymised

    for name, apply in sorted(_retention_rules.items()):
        report[name] = apply(now)
    return report


@shared_task(name="security.apply_retention", acks_late=True)
def apply_retention_task():
    return apply_retention()


@shared_task(name="security.recount_storage_usage", acks_late=True)
def recount_storage_usage_task():
    """Correct every counted site to the real total of its files (a reservation whose save
    failed, a file removed outside the platform). Idempotent."""
    from .models import StorageUsage
    from .quota import recount

    return {row.site_id: recount(row.site) for row in StorageUsage.objects.select_related("site")}
