"""Mail a submission to the page's addresses, and an answer to the asker.

Both tasks are idempotent: the submission carries when each mail went out, and the task
checks and sets it under a row lock in the transaction that sends, so a retry after a
failure sends again and a retry after success sends nothing."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from celery import shared_task

from .models import FeedbackSubmission


def _render(template, context):
    return render_to_string(f"sites_feedback/emails/{template}", context).strip()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_submission_to_recipients(submission_id):
    with transaction.atomic():
        submission = (
            FeedbackSubmission.objects.select_for_update(of=("self",))
            .select_related("page", "site")
            .filter(pk=submission_id, recipients_notified_at__isnull=True)
            .first()
        )
        if submission is None or submission.page is None:
            return False
        recipients = submission.page.recipient_list()
        if not recipients:
            return False
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "feedback:edit", args=(submission.pk,)
        )
        with translation.override(settings.LANGUAGE_CODE):
            context = {"submission": submission, "admin_url": admin_url}
            EmailMessage(
                _render("submission_subject.txt", context),
                _render("submission.txt", context),
                to=recipients,
                reply_to=[submission.email],
            ).send()
        submission.recipients_notified_at = timezone.now()
        submission.save(update_fields=["recipients_notified_at"])
        return True


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_answer(submission_id):
    with transaction.atomic():
        submission = (
            FeedbackSubmission.objects.select_for_update(of=("self",))
            .select_related("site")
            .filter(pk=submission_id)
            .first()
        )
        if submission is None or not submission.answer or not submission.answered_at:
            return False
        if submission.answer_sent_at and submission.answer_sent_at >= submission.answered_at:
            return False
        with translation.override(submission.language or settings.LANGUAGE_CODE):
            context = {"submission": submission, "site_name": submission.site.site_name}
            EmailMessage(
                _render("answer_subject.txt", context),
                _render("answer.txt", context),
                to=[submission.email],
            ).send()
        submission.answer_sent_at = timezone.now()
        submission.save(update_fields=["answer_sent_at"])
        return True
