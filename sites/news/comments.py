"""Comments of registered platform users on news pages, and their moderation state.

One account comments on every school's site; a comment belongs to the site and the news
item it was posted on and is shown on every language version of that item."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    FLAGGED = "flagged", _("Flagged")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


# Comments that still need a moderator's decision.
WAITING_STATUSES = (CommentStatus.PENDING, CommentStatus.FLAGGED)


class NewsCommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CommentStatus.PUBLISHED)

    def visible_to(self, user):
        """Published comments, plus the user's own comments still waiting for moderation."""
        visible = models.Q(status=CommentStatus.PUBLISHED)
        if user.is_authenticated:
            visible |= models.Q(author=user, status__in=WAITING_STATUSES)
        return self.filter(visible)


class NewsComment(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "sites_news.NewsPage",
        verbose_name=_("news item"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="news_comments",
    )
    body = models.TextField(_("comment"), max_length=2000)
    language = models.CharField(_("language"), max_length=8, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    flag_reason = models.CharField(_("reason for the flag"), max_length=255, blank=True)
    reply = models.TextField(_("answer of the administration"), max_length=2000, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True, db_index=True)
    # Set once the site's administrators have been told about the waiting comment, so that
    # a retried notification task never mails the same comment twice.
    admins_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = NewsCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["site", "status"]),
            models.Index(fields=["author", "created_at"]),
        ]

    def __str__(self):
        text = self.body if len(self.body) <= 60 else self.body[:57] + "…"
        return f"{self.author}: {text}"

    @property
    def author_display(self):
        """First name and the initial of the last name: many commenters are pupils, and a
        school site is public."""
        first, last = self.author.first_name.strip(), self.author.last_name.strip()
        return f"{first} {last[:1]}.".strip() if last else first

    @property
    def is_waiting(self):
        return self.status in WAITING_STATUSES
