"""Per-school colours of the theme, applied from a small stylesheet served on the site's host.

Colours go through a stylesheet (not a `style=` attribute or an inline <style>) so that the
Content Security Policy can forbid inline styles, and so that cached anonymous pages stay the
same for every site: only the stylesheet differs per host."""

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import PreviewableMixin, RevisionMixin, Site

from .sanitise import clean_html, validate_css, validate_html, validate_js

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# WCAG 2.1 AA contrast for normal text.
MIN_CONTRAST = 4.5


def relative_luminance(hex_colour):
    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_hex_colour(value):
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            _("Enter a colour as # followed by six hexadecimal digits, e.g. #0b5cad.")
        )


@register_setting(icon="palette")
class SiteColours(BaseSiteSetting):
    """Accent colour (links, buttons, header line) chosen by the school."""

    accent = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        validators=[validate_hex_colour],
        help_text=_(
            "Links and buttons. Must contrast with white at least 4.5:1 (WCAG AA). "
            "Leave empty for the theme's colour."
        ),
    )
    header_background = models.CharField(
        _("header background"),
        max_length=7,
        blank=True,
        validators=[validate_hex_colour],
        help_text=_(
            "Background of the site header; the header text stays dark or light so that "
            "it reads well. Leave empty for the theme's colour."
        ),
    )

    panels = [FieldPanel("accent"), FieldPanel("header_background")]

    class Meta:
        verbose_name = _("site colours")
        verbose_name_plural = _("site colours")

    def clean(self):
        super().clean()
        if self.accent and HEX_COLOUR.match(self.accent):
            ratio = contrast_ratio(self.accent, "#ffffff")
            if ratio < MIN_CONTRAST:
                raise ValidationError(
                    {
                        "accent": _(
                            "This colour contrasts with white only %(ratio).1f:1; choose a "
                            "darker one (at least 4.5:1) so that everyone can read links."
                        )
                        % {"ratio": ratio}
                    }
                )

    def header_foreground(self):
        if not self.header_background:
            return ""
        dark = contrast_ratio(self.header_background, "#1b1f24")
        light = contrast_ratio(self.header_background, "#ffffff")
        return "#1b1f24" if dark >= light else "#ffffff"

    def stylesheet(self):
        """CSS text made only of validated hex colours: nothing the admin typed goes through
        unchecked."""
        rules = []
        if self.accent and HEX_COLOUR.match(self.accent):
            rules.append(f":root{{--accent:{self.accent}}}")
        if self.header_background and HEX_COLOUR.match(self.header_background):
            rules.append(
                f":root{{--header-bg:{self.header_background};"
                f"--header-fg:{self.header_foreground()}}}"
            )
        return "\n".join(rules) + "\n"


class TrainingCredentialQuerySet(models.QuerySet):
    def valid(self):
        from django.utils import timezone

        return self.filter(revoked=False).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=timezone.now())
        )


class TrainingCredential(models.Model):
    """The "site administrator training" credential of a user (see credentials.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_credentials",
        verbose_name=_("user"),
    )
    source = models.CharField(
        _("issued through"),
        max_length=20,
        default="platform",
        choices=[("platform", _("platform administrator")), ("courses", _("course"))],
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=False, null=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    revoked = models.BooleanField(_("revoked"), default=False)

    objects = TrainingCredentialQuerySet.as_manager()

    panels = [
        FieldPanel("user"),
        FieldPanel("source"),
        FieldPanel("valid_until"),
        FieldPanel("revoked"),
    ]

    class Meta:
        verbose_name = _("site administrator training credential")
        verbose_name_plural = _("site administrator training credentials")
        constraints = [
            models.UniqueConstraint(fields=["user", "source"], name="one_credential_per_source")
        ]

    def __str__(self):
        return f"{self.user} ({self.get_source_display()})"


class SiteCustomisation(RevisionMixin, PreviewableMixin, models.Model):
    """Custom CSS, JavaScript and header/footer HTML of one site, with revisions."""

    site = models.OneToOneField(
        Site, on_delete=models.CASCADE, related_name="customisation", verbose_name=_("site")
    )
    custom_css = models.TextField(_("custom CSS"), blank=True, validators=[validate_css])
    custom_js = models.TextField(_("custom JavaScript"), blank=True, validators=[validate_js])
    header_html = models.TextField(
        _("header HTML fragment"),
        blank=True,
        validators=[validate_html],
        help_text=_("Cleaned on save: scripts, event handlers and styles are removed."),
    )
    footer_html = models.TextField(
        _("footer HTML fragment"),
        blank=True,
        validators=[validate_html],
        help_text=_("Cleaned on save: scripts, event handlers and styles are removed."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    revisions = GenericRelation(
        "wagtailcore.Revision", content_type_field="content_type", object_id_field="object_id",
        for_concrete_model=False,
    )  # fmt: skip

    panels = [
        FieldPanel("site"),
        FieldPanel("custom_css"),
        FieldPanel("custom_js"),
        FieldPanel("header_html"),
        FieldPanel("footer_html"),
    ]

    class Meta:
        verbose_name = _("site customisation")
        verbose_name_plural = _("site customisations")

    def __str__(self):
        return str(self.site)

    def save(self, *args, **kwargs):
        # HTML is stored cleaned so that what is served is exactly what the admin sees.
        self.header_html = clean_html(self.header_html)
        self.footer_html = clean_html(self.footer_html)
        super().save(*args, **kwargs)

    @property
    def version(self):
        return int(self.updated_at.timestamp()) if self.updated_at else 0

    def get_preview_template(self, request, mode_name):
        return "sites_customisation/preview.html"

    def get_preview_context(self, request, mode_name):
        # The preview runs inside the admin: show the fragments (cleaned) and the CSS as
        # text, never the JavaScript.
        context = super().get_preview_context(request, mode_name)
        context["header_html"] = clean_html(self.header_html)
        context["footer_html"] = clean_html(self.footer_html)
        return context
