"""Links shared by a territory's schools, and platform maintenance windows.

Territory links are kept once per district or region and shown in the footer of every school
site of that territory. A maintenance window is announced by a banner on every site from
MAINTENANCE_NOTICE_HOURS before its start until its end, and by one e-mail to each school
site administrator (`MaintenanceDelivery` makes that e-mail once-only)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


def _in_language(obj, prefix):
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return getattr(obj, f"{prefix}_{language}", "") or getattr(obj, f"{prefix}_kk")


class TerritoryLinkQuerySet(models.QuerySet):
    def for_school(self, school):
        return self.filter(
            Q(district_id=school.district_id) | Q(region_id=school.district.region_id)
        ).order_by("region_id", "sort_order", "pk")


class TerritoryLink(models.Model):
    region = models.ForeignKey(
        "mektep_schools.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Shown on every school of the region."),
    )
    district = models.ForeignKey(
        "mektep_schools.District",
        verbose_name=_("district or city"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Shown on every school of the district or city."),
    )
    title_kk = models.CharField(_("title (Kazakh)"), max_length=120)
    title_ru = models.CharField(_("title (Russian)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=120)
    url = models.URLField(_("address"), max_length=500)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TerritoryLinkQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("region"), FieldPanel("district")], heading=_("Territory")),
        FieldPanel("title_kk"),
        FieldPanel("title_ru"),
        FieldPanel("title_en"),
        FieldPanel("url"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("territory link")
        verbose_name_plural = _("territory links")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(region__isnull=True, district__isnull=False)
                | Q(region__isnull=False, district__isnull=True),
                name="territory_link_one_territory",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return _in_language(self, "title")

    def clean(self):
        if bool(self.region_id) == bool(self.district_id):
            raise ValidationError(_("Choose either a region or a district, not both."))


class MaintenanceWindow(models.Model):
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    message_kk = models.TextField(_("message (Kazakh)"))
    message_ru = models.TextField(_("message (Russian)"))
    message_en = models.TextField(_("message (English)"))
    announced_at = models.DateTimeField(_("e-mails sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])],
            heading=_("Window"),
        ),
        FieldPanel("message_kk"),
        FieldPanel("message_ru"),
        FieldPanel("message_en"),
    ]

    class Meta:
        verbose_name = _("maintenance window")
        verbose_name_plural = _("maintenance windows")
        ordering = ["-starts_at"]

    def __str__(self):
        return f"{timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def message(self):
        return _in_language(self, "message")

    @property
    def shows_from(self):
        return self.starts_at - timedelta(hours=settings.MAINTENANCE_NOTICE_HOURS)

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})

    @classmethod
    def to_show(cls, now=None):
        now = now or timezone.now()
        lead = timedelta(hours=settings.MAINTENANCE_NOTICE_HOURS)
        return cls.objects.filter(starts_at__lte=now + lead, ends_at__gt=now).order_by("starts_at")


class MaintenanceDelivery(models.Model):
    """One announcement e-mail to one administrator: created before sending, stamped after."""

    window = models.ForeignKey(MaintenanceWindow, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["window", "user"], name="maintenance_delivery_once")
        ]

    def __str__(self):
        return f"{self.window} → {self.user}"
