"""News exchange between the sites of the platform and with outside feeds.

- `NewsEntry`: one row per live news page of any site, filled by publish signals, so that
  portals, outbound feeds and the read API answer from one indexed table.
- `Republication`: a news page on one site that republishes another site's news page, either
  linked (kept in sync with the origin) or as an independent copy.
- `Feed`, `FeedItem`: external feeds pulled on a schedule and the items seen in them, each with
  a unique key so that the same item is stored once.
- `Subscription`, `Delivery`: a site takes news from another site or from a feed into one of
  its news indexes; each delivered item is recorded once per subscription.
- `WebhookEndpoint`, `WebhookDelivery`: push of new items to a configured URL, signed with HMAC.
"""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Site


def url_key(value):
    """A fixed-length key for a URL or GUID, usable in a unique index of any database."""
    return hashlib.sha256(value.strip().encode("utf-8")).hexdigest() if value else None


class NewsEntry(models.Model):
    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="news_entry")
    translation_key = models.UUIDField(db_index=True)
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="news_entries")
    school = models.ForeignKey(
        "mektep_schools.School", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    district = models.ForeignKey(
        "mektep_schools.District", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    region = models.ForeignKey(
        "mektep_schools.Region", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    origin_name = models.CharField(max_length=255)
    language = models.CharField(max_length=8)
    date = models.DateTimeField()
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.URLField(max_length=1000)
    # Items republished or imported from elsewhere are not shown again by the portals.
    is_original = models.BooleanField(default=True)
    modified_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("news entry")
        verbose_name_plural = _("news entries")
        indexes = [
            models.Index(fields=["language", "is_original", "-date"], name="synd_entry_all"),
            models.Index(fields=["site", "language", "-date"], name="synd_entry_site"),
            models.Index(fields=["district", "language", "-date"], name="synd_entry_district"),
            models.Index(fields=["region", "language", "-date"], name="synd_entry_region"),
            models.Index(fields=["site", "modified_at"], name="synd_entry_modified"),
        ]

    def __str__(self):
        return self.title


class Feed(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("not fetched yet")
        OK = "ok", _("working")
        NOT_MODIFIED = "not_modified", _("not modified")
        WARNING = "warning", _("imported with warnings")
        ERROR = "error", _("error")

    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="syndication_feeds",
        verbose_name=_("site"),
        help_text=_("Leave empty for a platform-wide feed (only platform administrators)."),
    )
    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(_("feed address"), max_length=1000)
    is_active = models.BooleanField(_("active"), default=True)
    interval_minutes = models.PositiveIntegerField(_("fetch every (minutes)"), default=30)
    etag = models.CharField(max_length=255, blank=True, editable=False)
    last_modified_header = models.CharField(max_length=255, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, editable=False
    )
    # What went wrong, as a code and its parameters: the admin shows it in words, in the
    # reader's language (errors.py).
    error_code = models.CharField(max_length=40, blank=True, editable=False)
    error_params = models.JSONField(default=dict, blank=True, editable=False)
    # Further remarks of the last fetch beyond the main one: [{"code", "params"}].
    notes = models.JSONField(default=list, blank=True, editable=False)
    last_fetched_at = models.DateTimeField(_("last fetch"), null=True, editable=False)
    last_success_at = models.DateTimeField(_("last success"), null=True, editable=False)
    error_count = models.PositiveIntegerField(_("errors in a row"), default=0, editable=False)
    next_fetch_at = models.DateTimeField(_("next fetch"), default=timezone.now, editable=False)
    items_last_fetch = models.PositiveIntegerField(
        _("items in last fetch"), default=0, editable=False
    )
    items_new_last_fetch = models.PositiveIntegerField(
        _("new items in last fetch"), default=0, editable=False
    )

    class Meta:
        verbose_name = _("external feed")
        verbose_name_plural = _("external feeds")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def error_message(self):
        from .errors import describe_all

        return describe_all(self.error_code, self.error_params, self.notes)


class FeedItem(models.Model):
    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    guid_key = models.CharField(max_length=64)
    link_key = models.CharField(max_length=64, null=True, blank=True)
    guid = models.TextField()
    link = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    content = models.TextField(blank=True)
    image_url = models.URLField(max_length=1000, blank=True)
    published = models.DateTimeField()
    # "missing", "unparseable" or "future" when `published` is not the feed's own date.
    date_problem = models.CharField(max_length=20, blank=True, default="")
    # The item was longer than SYNDICATION_ITEM_MAX_CHARS and was shortened.
    truncated = models.BooleanField(default=False)
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feed item")
        verbose_name_plural = _("feed items")
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid_key"], name="synd_item_unique_guid"),
            models.UniqueConstraint(fields=["feed", "link_key"], name="synd_item_unique_link"),
        ]

    def __str__(self):
        return self.title


class Subscription(models.Model):
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="news_subscriptions", verbose_name=_("site")
    )
    news_index = models.ForeignKey(
        "sites_news.NewsIndexPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("news section"),
        help_text=_(
            "Where the items land. Items of other sites go to this section's translation "
            "in their language."
        ),
    )
    source_site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="news_subscribers",
        verbose_name=_("school or portal"),
    )
    feed = models.ForeignKey(
        Feed,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("external feed"),
    )
    publish = models.BooleanField(
        _("publish at once"),
        default=False,
        help_text=_("Otherwise new items are saved as drafts for an editor to publish."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(source_site__isnull=False, feed__isnull=True)
                    | models.Q(source_site__isnull=True, feed__isnull=False)
                ),
                name="synd_subscription_one_source",
            ),
        ]

    def __str__(self):
        return str(self.source_site or self.feed)

    def clean(self):
        if bool(self.source_site_id) == bool(self.feed_id):
            raise ValidationError(_("Choose either a school or portal, or an external feed."))
        if self.source_site_id and self.source_site_id == self.site_id:
            raise ValidationError({"source_site": _("A site cannot subscribe to itself.")})
        if self.site_id and self.news_index_id and self.news_index.get_site() != self.site:
            raise ValidationError({"news_index": _("Choose a news section of this site.")})


class Republication(models.Model):
    class Mode(models.TextChoices):
        LINKED = "linked", _("linked (kept in sync with the origin)")
        COPY = "copy", _("independent copy with attribution")

    origin = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="republications")
    copy = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="republished_from")
    target_site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.LINKED)
    subscription = models.ForeignKey(
        Subscription, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("republication")
        verbose_name_plural = _("republications")
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "target_site"], name="synd_republication_once_per_site"
            )
        ]

    def __str__(self):
        return f"{self.origin_id} -> {self.copy_id} ({self.mode})"


class Delivery(models.Model):
    """A feed item that landed in a subscriber's news: once per subscription and item."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    item = models.ForeignKey(FeedItem, on_delete=models.CASCADE, related_name="deliveries")
    page = models.ForeignKey(Page, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "item"], name="synd_delivery_once_per_item"
            )
        ]

    def __str__(self):
        return f"{self.item_id} -> {self.subscription_id}"


def new_secret():
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="news_webhooks", verbose_name=_("site")
    )
    url = models.URLField(_("receiver address"), max_length=1000)
    secret = models.CharField(
        _("signing secret"),
        max_length=128,
        default=new_secret,
        help_text=_("The receiver checks the X-Mektep-Signature header with this secret."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="+")
    # One delivery per endpoint and published revision: a retried task finds its row.
    event_key = models.CharField(max_length=100)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_key"], name="synd_webhook_once_per_event"
            )
        ]

    def __str__(self):
        return f"{self.endpoint_id}: {self.event_key} ({self.status})"
