"""Territories, schools and portals, each bound to a Wagtail Site, and per-site settings."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.models import Collection, Site

from accounts.identity_numbers import validate_bin
from accounts.roles import Role

from .forms import SchoolSiteSettingsForm


class TrilingualNameMixin(models.Model):
    """Names in the three languages of the platform; `name` follows the active language."""

    name_kk = models.CharField(_("name (Kazakh)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self):
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        return getattr(self, f"name_{language}", "") or self.name_kk


class Region(TrilingualNameMixin):
    """A region (облыс) or a city of republican significance, which has the same rank."""

    class Kind(models.TextChoices):
        REGION = "region", _("region")
        CITY = "city", _("city of republican significance")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Former regions stay for history but are hidden.")
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["kind", "name_kk"]


class District(TrilingualNameMixin):
    """A district (аудан) or a city (қала) inside a region."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("district")
        CITY = "city", _("city")

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="districts", verbose_name=_("region")
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DISTRICT)

    class Meta:
        verbose_name = _("district or city")
        verbose_name_plural = _("districts and cities")
        ordering = ["region__name_kk", "name_kk"]


class LanguageOfInstruction(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")
    UZBEK = "uz", _("Uzbek")
    UYGHUR = "ug", _("Uyghur")
    TAJIK = "tg", _("Tajik")


def validate_languages_of_instruction(value):
    allowed = set(LanguageOfInstruction.values)
    if not isinstance(value, list) or not value or not set(value) <= allowed:
        raise ValidationError(_("Choose at least one language of instruction."))


class SchoolQuerySet(models.QuerySet):
    def for_user(self, user):
        """Schools the user works in (any school role); every school for superusers."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(role_assignments__user=user).distinct()

    def administered_by(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(
            role_assignments__user=user, role_assignments__role=Role.SITE_ADMIN
        ).distinct()


class School(TrilingualNameMixin):
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="schools", verbose_name=_("district")
    )
    site = models.OneToOneField(
        Site, on_delete=models.PROTECT, related_name="school", verbose_name=_("site")
    )
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    bin = models.CharField(_("BIN"), max_length=12, unique=True, validators=[validate_bin])
    # The school's code in the national education database (НОБД / ҰБДҚ), which the
    # ministry's reports (MODO, admissions) use instead of the BIN.
    national_code = models.CharField(
        _("national school code"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{4,20}$", _("Enter the code's digits only."))],
        help_text=_("The school's code in the national education database (NEDB)."),
    )
    languages_of_instruction = models.JSONField(
        _("languages of instruction"),
        default=list,
        validators=[validate_languages_of_instruction],
    )
    collection = models.OneToOneField(
        Collection,
        on_delete=models.PROTECT,
        related_name="school",
        verbose_name=_("media collection"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name_kk"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_code"],
                condition=~models.Q(national_code=""),
                name="unique_national_school_code",
            )
        ]

    @property
    def region(self):
        return self.district.region

    def get_languages_of_instruction_display(self):
        labels = dict(LanguageOfInstruction.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.languages_of_instruction)


class SchoolGroup(models.Model):
    """The Django group that carries one school role's admin permissions in one school."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="groups")
    role = models.CharField(max_length=40, choices=Role.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="school_group")

    class Meta:
        verbose_name = _("school group")
        verbose_name_plural = _("school groups")
        constraints = [
            models.UniqueConstraint(fields=["school", "role"], name="unique_school_role_group")
        ]

    def __str__(self):
        return self.group.name


class Portal(models.Model):
    """The platform site and the region/district education portals that aggregate schools."""

    class Kind(models.TextChoices):
        PLATFORM = "platform", _("platform")
        REGION = "region", _("region portal")
        DISTRICT = "district", _("district portal")

    site = models.OneToOneField(
        Site, on_delete=models.PROTECT, related_name="portal", verbose_name=_("site")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    region = models.OneToOneField(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="portal"
    )
    district = models.OneToOneField(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="portal"
    )

    class Meta:
        verbose_name = _("portal")
        verbose_name_plural = _("portals")

    def __str__(self):
        return self.site.site_name or self.site.hostname

    def schools(self):
        """The schools this portal aggregates."""
        if self.kind == self.Kind.DISTRICT:
            return School.objects.filter(district=self.district)
        if self.kind == self.Kind.REGION:
            return School.objects.filter(district__region=self.region)
        return School.objects.all()

    def clean(self):
        if self.kind == self.Kind.REGION and not self.region_id:
            raise ValidationError({"region": _("A region portal needs its region.")})
        if self.kind == self.Kind.DISTRICT and not self.district_id:
            raise ValidationError({"district": _("A district portal needs its district.")})


@register_setting(icon="site")
class SchoolSiteSettings(BaseSiteSetting):
    """What a site admin configures for the whole site: theme, services, disk quota."""

    theme = models.CharField(_("theme"), max_length=40, default="default")
    plugin_states = models.JSONField(
        _("services"),
        default=dict,
        blank=True,
        help_text=_("Which services (plugins) are switched on for this site."),
    )
    quota_bytes = models.PositiveBigIntegerField(
        _("disk quota (bytes)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the platform default (1 GB)."),
    )

    base_form_class = SchoolSiteSettingsForm
    panels = [
        FieldPanel("theme"),
        FieldPanel("plugin_states"),
        MultiFieldPanel([FieldPanel("quota_bytes")], heading=_("Disk quota")),
    ]

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    @property
    def effective_quota_bytes(self):
        return self.quota_bytes or settings.SCHOOL_DEFAULT_QUOTA_BYTES


@register_setting(icon="cogs")
class PlatformSettings(BaseGenericSetting):
    """Platform-wide policy; only platform superadmins can change it."""

    require_mfa_for_admins = models.BooleanField(
        _("require two-factor authentication for administrators and specialists"),
        default=False,
    )

    class Meta:
        verbose_name = _("platform policy")
        verbose_name_plural = _("platform policy")


class Delegation(models.Model):
    """A school admin lets a registered user (a teacher, a student) contribute to one section
    of the site and, optionally, to the school's image and document library. Contributors
    can add and edit but not publish: their changes go through the school's approval
    workflow to the school's administrators (schools.delegation applies this)."""

    class Area(models.TextChoices):
        IMAGES = "images", _("Images")
        DOCUMENTS = "documents", _("Documents")

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="delegations", verbose_name=_("school")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="delegations",
        verbose_name=_("contributor"),
    )
    section = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("section"),
        help_text=_("The contributor may add and edit pages below this page."),
    )
    areas = models.JSONField(_("admin areas"), default=list, blank=True)
    group = models.OneToOneField(
        Group, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("delegated access")
        verbose_name_plural = _("delegated access")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "user", "section"], name="unique_delegation_per_section"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.section}"
