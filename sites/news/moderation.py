"""Posting a comment: rate limit, profanity check, moderation state, admin notification."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, ngettext

from .comments import CommentStatus, NewsComment
from .profanity import find_profanity


class CommentRefused(Exception):
    """The comment was not stored; the message says why, in the user's language."""


def rate_limit():
    """(how many comments, per how many seconds) one user may post, on all sites."""
    count, seconds = getattr(settings, "NEWS_COMMENT_RATE_LIMIT", (5, 600))
    return int(count), int(seconds)


def check_rate_limit(user):
    count, seconds = rate_limit()
    since = timezone.now() - timedelta(seconds=seconds)
    if NewsComment.objects.filter(author=user, created_at__gte=since).count() >= count:
        minutes = max(1, seconds // 60)
        raise CommentRefused(
            ngettext(
                "You can post at most %(count)d comments in %(minutes)d minutes. "
                "Please wait a little and send it again: your text is kept below.",
                "You can post at most %(count)d comments in %(minutes)d minutes. "
                "Please wait a little and send it again: your text is kept below.",
                count,
            )
            % {"count": count, "minutes": minutes}
        )


def submit_comment(page, site, user, body):
    """Store a comment of `user` on `page` for moderation and notify the site's admins."""
    from .tasks import notify_site_admins_of_waiting_comments

    check_rate_limit(user)
    hits = find_profanity(body)
    comment = NewsComment.objects.create(
        site=site,
        page=page,
        author=user,
        body=body,
        language=get_language() or settings.LANGUAGE_CODE,
        status=CommentStatus.FLAGGED if hits else CommentStatus.PENDING,
        flag_reason=("profanity: " + ", ".join(hits))[:255] if hits else "",
    )
    transaction.on_commit(lambda: notify_site_admins_of_waiting_comments.delay(site.pk))
    return comment


def moderate(comment, status, user):
    comment.status = status
    comment.moderated_by = user
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])
