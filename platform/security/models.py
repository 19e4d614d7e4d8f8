"""The security app's records: reads of sensitive records, consents, deletion requests, the
sessions and devices of each account."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLogEntry(models.Model):
    """Who read which sensitive record, when, from where and why (security.access_log)."""

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    user_label = models.CharField(_("user"), max_length=255, blank=True)
    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("site"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("record type")
    )
    object_id = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=255)
    purpose = models.CharField(_("purpose"), max_length=255)
    path = models.CharField(_("address"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-timestamp"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.user_label}: {self.object_repr}"


class ConsentRecord(models.Model):
    """A person's consent to the processing of their personal data: what is processed, why,
    and for how long, in the words they were shown, in their language."""

    given_at = models.DateTimeField(_("given"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("user"),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    purpose = models.CharField(_("purpose"), max_length=60, db_index=True)
    what = models.TextField(_("data processed"))
    why = models.TextField(_("why"))
    retention_days = models.PositiveIntegerField(_("kept for (days)"))
    language = models.CharField(_("language"), max_length=5)
    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("site"),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # The record the consent came with (a form submission, an application), if any.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self):
        return f"{self.purpose}: {self.email or self.user_id} ({self.given_at:%Y-%m-%d})"


class DeletionRequest(models.Model):
    """A user asked for their account and data to be deleted. After the grace period the
    retention task anonymises the account (security.personal_data.anonymise_user)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        CANCELLED = "cancelled", _("cancelled")
        DONE = "done", _("done")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="deletion_requests",
        verbose_name=_("user"),
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)

    class Meta:
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_deletion_request_per_user",
            )
        ]

    def __str__(self):
        return f"{self.user_id}: {self.status} ({self.requested_at:%Y-%m-%d})"


class UserSession(models.Model):
    """A session a user logged in with, so that "log out everywhere" can end them all
    whatever the session backend."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracked_sessions"
    )
    session_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)

    def __str__(self):
        return f"{self.user_id}: {self.created_at:%Y-%m-%d %H:%M}"


class KnownDevice(models.Model):
    """A browser a user logged in from before (a random id in a long-lived signed cookie,
    stored here hashed); a login from another browser is a new device."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="known_devices"
    )
    device_hash = models.CharField(max_length=64)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True)
    user_agent = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "device_hash"], name="unique_known_device")
        ]

    def __str__(self):
        return f"{self.user_id}: {self.first_seen:%Y-%m-%d}"


class StorageUsage(models.Model):
    """Bytes a site stores, kept as one row per site so that concurrent uploads reserve space
    atomically (`UPDATE ... SET used_bytes = used_bytes + n WHERE used_bytes + n <= quota`,
    security.quota). Started from a count of every usage source, corrected by the daily
    recount (security.recount_storage_usage). Internal: shown only as the dashboard's bar."""

    site = models.OneToOneField("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    used_bytes = models.BigIntegerField(default=0)
    counted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.site_id}: {self.used_bytes}"
