"""Menus of a site: main, top and footer, one per site, place and language.

A menu is a translatable snippet (wagtail-localize translates its labels); its items link to
pages of the same site or to addresses. Items that link to a page follow the visitor's
language: a menu kept only in Kazakh still leads Russian visitors to the Russian pages. An
item of the main menu may have one level of sub-items (a StreamField of links, edited inside
the item), shown as a dropdown."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin

from .forms import MenuForm

ALLOWED_URL_PREFIXES = ("/", "https://", "http://", "mailto:", "tel:")


def validate_menu_url(value):
    if not value.startswith(ALLOWED_URL_PREFIXES) or value.startswith("//"):
        raise ValidationError(
            _("Enter an address that starts with https://, http://, / , mailto: or tel:.")
        )


class SubItemBlock(blocks.StructBlock):
    """A link under a main-menu item: a page of the site or an address."""

    label = blocks.CharBlock(
        label=_("label"),
        required=False,
        max_length=100,
        help_text=_("Leave empty to use the title of the page."),
    )
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("address"), required=False, max_length=500, validators=[validate_menu_url]
    )

    class Meta:
        icon = "link"
        label = _("sub-item")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if bool(value.get("page")) == bool(value.get("url")):
            errors["page"] = ValidationError(_("Choose a page or enter an address (one of them)."))
        elif value.get("url") and not value.get("label"):
            errors["label"] = ValidationError(_("A link to an address needs a label."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class Menu(TranslatableMixin, ClusterableModel):
    class Location(models.TextChoices):
        MAIN = "main", _("Main menu")
        TOP = "top", _("Top menu")
        FOOTER = "footer", _("Footer menu")

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="menus", verbose_name=_("site")
    )
    location = models.CharField(_("place"), max_length=10, choices=Location.choices)

    base_form_class = MenuForm
    panels = [
        FieldPanel("site"),
        FieldPanel("location"),
        InlinePanel("items", label=_("Items"), heading=_("Items")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "location", "locale"], name="unique_menu_per_site_place_locale"
            )
        ]

    def __str__(self):
        return f"{self.get_location_display()} · {self.site.site_name or self.site.hostname}"

    def validate_constraints(self, exclude=None):
        # The form has no locale field, so Django would skip this constraint and the
        # database would refuse the row with an error page instead of a message.
        super().validate_constraints(exclude=exclude)
        duplicate = Menu.objects.filter(
            site_id=self.site_id, location=self.location, locale_id=self.locale_id
        ).exclude(pk=self.pk)
        if self.site_id and self.locale_id and duplicate.exists():
            raise ValidationError(
                {"location": _("This site already has this menu in this language.")}
            )


class MenuItem(TranslatableMixin, Orderable):
    menu = ParentalKey(Menu, on_delete=models.CASCADE, related_name="items")
    label = models.CharField(
        _("label"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty to use the title of the page."),
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.CharField(
        _("address"), max_length=500, blank=True, validators=[validate_menu_url]
    )

    children = StreamField(
        [("link", SubItemBlock())],
        blank=True,
        verbose_name=_("sub-items"),
        help_text=_("Main menu only: links shown in a dropdown under this item."),
    )

    panels = [
        FieldPanel("label"),
        PageChooserPanel("link_page"),
        FieldPanel("link_url"),
        FieldPanel("children"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")

    def __str__(self):
        return self.label or (self.link_page.title if self.link_page_id else self.link_url)

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Choose a page or enter an address (one of them)."))
        if self.link_url and not self.label:
            raise ValidationError({"label": _("A link to an address needs a label.")})
