"""Tell a site's administrators about comments waiting for moderation.

Idempotent: each comment carries `admins_notified_at`; the task claims the not-yet-notified
comments under a row lock, mails, and marks them in the same transaction, so a retry after a
failed send mails again and a retry after success mails nothing."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from celery import shared_task

from accounts.models import User
from accounts.roles import Role

from .comments import WAITING_STATUSES, NewsComment


def site_admins(site_id):
    return User.objects.filter(
        is_active=True,
        role_assignments__role=Role.SITE_ADMIN,
        role_assignments__school__site_id=site_id,
    ).distinct()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_site_admins_of_waiting_comments(site_id):
    with transaction.atomic():
        comments = list(
            NewsComment.objects.select_for_update(of=("self",))
            .filter(site_id=site_id, status__in=WAITING_STATUSES, admins_notified_at__isnull=True)
            .select_related("page", "author")
            .order_by("pk")
        )
        if not comments:
            return 0
        queue_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("news_comments:index")
        sent = 0
        for admin in site_admins(site_id):
            language = admin.preferred_language or settings.LANGUAGE_CODE
            with translation.override(language):
                subject = render_to_string(
                    "sites_news/emails/waiting_comments_subject.txt", {"count": len(comments)}
                ).strip()
                body = render_to_string(
                    "sites_news/emails/waiting_comments.txt",
                    {"comments": comments, "queue_url": queue_url, "admin": admin},
                )
            EmailMessage(subject, body, to=[admin.email]).send()
            sent += 1
        NewsComment.objects.filter(pk__in=[c.pk for c in comments]).update(
            admins_notified_at=timezone.now()
        )
        return sent
