"""E-mails to applicants in the language they applied in: the confirmation (or waiting-list
notice), the message that a place became free, and the notice that the application is
cancelled.

Idempotent: each application carries when each mail went out, checked and set under a row
lock in the sending transaction, so a retry after success sends nothing."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from celery import shared_task

from .applications import ApplicationStatus, EventApplication


def _send(application, template, mark, **still_true):
    """Send once, and only while `still_true` holds (a retry that comes after the applicant
    cancelled must not announce a place)."""
    with transaction.atomic():
        application = (
            EventApplication.objects.select_for_update(of=("self",))
            .select_related("event", "site")
            .filter(pk=application, **{f"{mark}__isnull": True}, **still_true)
            .first()
        )
        if application is None:
            return False
        event = application.event
        with translation.override(application.language or settings.LANGUAGE_CODE):
            event_url = event.get_full_url()
            cancel_url = event_url + event.reverse_subpage(
                "cancel_application", args=(application.cancel_token(),)
            )
            context = {
                "application": application,
                "event": event,
                "event_url": event_url,
                "cancel_url": cancel_url,
                "site_name": application.site.site_name,
            }
            subject = render_to_string(f"sites_events/emails/{template}_subject.txt", context)
            body = render_to_string(f"sites_events/emails/{template}.txt", context)
            EmailMessage(" ".join(subject.split()), body.strip(), to=[application.email]).send()
        setattr(application, mark, timezone.now())
        application.save(update_fields=[mark])
        return True


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_confirmation(application_id):
    return _send(application_id, "confirmation", "confirmation_sent_at")


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_promotion(application_id):
    return _send(
        application_id,
        "promotion",
        "promotion_sent_at",
        promoted_at__isnull=False,
        status=ApplicationStatus.CONFIRMED,
    )


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_cancellation(application_id):
    return _send(
        application_id, "cancellation", "cancellation_sent_at", status=ApplicationStatus.CANCELLED
    )
