"""Visit statistics of a site without any third-party service and without raw IPs.

A page view lands as a `PageHit` (path, language, referrer host and a visitor hash). The
visitor hash is SHA-256 of a salt that exists for one day only, the site and the visitor's IP
and user agent: it tells today's visits of one browser apart from another's and nothing else.
The nightly aggregation turns a finished day's hits into per-day counters (`DailyStats`,
`DailyBreakdown`), then deletes the hits and the day's salt, so after that night no record
can be tied back to a person even by the platform."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site


class VisitorSalt(models.Model):
    day = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self):
        return str(self.day)


class PageHit(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(db_index=True)
    path = models.CharField(max_length=255)
    language = models.CharField(max_length=8, blank=True)
    referrer_host = models.CharField(max_length=255, blank=True)
    visitor = models.CharField(max_length=32)

    class Meta:
        indexes = [models.Index(fields=["site", "day"])]

    def __str__(self):
        return f"{self.day} {self.path}"


class DailyStats(models.Model):
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="+", verbose_name=_("site")
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("page views"), default=0)
    visitors = models.PositiveIntegerField(_("unique visitors"), default=0)

    class Meta:
        verbose_name = _("daily visit statistics")
        verbose_name_plural = _("daily visit statistics")
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="stats_site_day")]

    def __str__(self):
        return f"{self.day}: {self.views}"


class DailyBreakdown(models.Model):
    """Views of one day by page, language or referrer."""

    class Kind(models.TextChoices):
        PATH = "path", _("page")
        LANGUAGE = "language", _("language")
        REFERRER = "referrer", _("referrer")

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=255)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "day", "kind", "value"], name="stats_breakdown_unique"
            )
        ]
        indexes = [models.Index(fields=["site", "kind", "day"])]

    def __str__(self):
        return f"{self.day} {self.kind} {self.value}: {self.views}"
