"""What a site admin sets for search engines and outside services, and the OpenGraph image of
any page.

`SeoSettings` is a per-site setting (Wagtail's BaseSiteSetting: one row per site, edited under
Settings, scoped to the site's admins by the per-site permissions provisioning grants to every
site setting). `PageSeo` adds an OpenGraph image to a page of any type without touching the page
models of other apps: it is keyed by the page and edited from the page's header menu."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from . import validators


@register_setting(icon="search")
class SeoSettings(BaseSiteSetting):
    google_verification = models.CharField(
        _("Google site verification code"),
        max_length=255,
        blank=True,
        help_text=_("From Google Search Console: the code or the whole meta tag."),
    )
    yandex_verification = models.CharField(
        _("Yandex site verification code"),
        max_length=255,
        blank=True,
        help_text=_("From Yandex Webmaster: the code or the whole meta tag."),
    )
    robots_extra = models.TextField(
        _("extra robots.txt rules"),
        blank=True,
        help_text=_("One rule a line, e.g. “Disallow: /kk/archive/”. The admin is always closed."),
    )
    default_og_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a page is shared and has no image of its own."),
    )
    ga4_id = models.CharField(_("Google Analytics 4 measurement id"), max_length=32, blank=True)
    gtm_id = models.CharField(_("Google Tag Manager container id"), max_length=32, blank=True)
    yandex_metrika_id = models.CharField(_("Yandex Metrika counter id"), max_length=32, blank=True)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    locality = models.CharField(_("town or village"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    telephone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("google_verification"),
                FieldPanel("yandex_verification"),
                FieldPanel("robots_extra"),
                FieldPanel("default_og_image"),
            ],
            heading=_("Search engines"),
        ),
        MultiFieldPanel(
            [FieldPanel("ga4_id"), FieldPanel("gtm_id"), FieldPanel("yandex_metrika_id")],
            heading=_("Analytics (loaded only after the visitor accepts cookies)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("locality"),
                FieldPanel("postal_code"),
                FieldPanel("telephone"),
                FieldPanel("email"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
            ],
            heading=_("Address for search engines and the weather"),
        ),
    ]

    class Meta:
        verbose_name = _("search engines and analytics")
        verbose_name_plural = _("search engines and analytics")

    def clean(self):
        super().clean()
        errors = {}
        self.ga4_id = self.ga4_id.strip().upper()
        self.gtm_id = self.gtm_id.strip().upper()
        self.yandex_metrika_id = self.yandex_metrika_id.strip()
        self.google_verification = validators.extract_verification_code(self.google_verification)
        self.yandex_verification = validators.extract_verification_code(self.yandex_verification)
        checks = [
            ("ga4_id", validators.validate_ga4_id),
            ("gtm_id", validators.validate_gtm_id),
            ("yandex_metrika_id", validators.validate_metrika_id),
            ("google_verification", validators.validate_verification_code),
            ("yandex_verification", validators.validate_verification_code),
            ("robots_extra", validators.validate_robots_rules),
        ]
        for field, check in checks:
            value = getattr(self, field)
            if not value:
                continue
            try:
                check(value)
            except ValidationError as error:
                errors[field] = error
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = ValidationError(
                _("Give both latitude and longitude, or neither.")
            )
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = ValidationError(_("Latitude is between -90 and 90."))
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = ValidationError(_("Longitude is between -180 and 180."))
        if errors:
            raise ValidationError(errors)

    @property
    def has_analytics(self):
        return bool(self.ga4_id or self.gtm_id or self.yandex_metrika_id)


class PageSeo(models.Model):
    """The OpenGraph image of one page (one language version); translations without their own
    fall back to the image of their source page."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="seo", verbose_name=_("page")
    )
    og_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown by social networks and messengers when the page is shared."),
    )

    class Meta:
        verbose_name = _("page sharing settings")
        verbose_name_plural = _("page sharing settings")

    def __str__(self):
        return str(self.page)
