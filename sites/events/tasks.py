"""E-mails to applicants in the language they applied in: the confirmation (or waiting-list
notice) and the message that a place became free.

Idempotent: each application carries when each mail went out, checked and set under a row
lock in the sending transaction, so a retry after success sends nothing."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from celery import shared_task

from .applications import EventApplication


def _send(application, template, mark):
    with transaction.atomic():
        application = (
            EventApplication.objects.select_for_update(of=("self",))
            .select_related("event", "site")
            .filter(pk=application, **{f"{mark}__isnull": True})
            .first()
        )
        if application is None:
            return False
        event = application.event
        with translation.override(application.language or settings.LANGUAGE_CODE):
            cancel_url = event.get_full_url() + event.reverse_subpage(
                "cancel_application", args=(application.cancel_token(),)
            )
            context = {
                "application": application,
                "event": event,
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
    return _send(application_id, "promotion", "promotion_sent_at")
