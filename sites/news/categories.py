"""News categories: a translatable snippet per site.

A category belongs to one site (school or portal) and has a version per language
(wagtail-localize TranslatableMixin); news pages point at the site's categories, and each
language version of the site shows the category in its own language."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin


class NewsCategory(TranslatableMixin, models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="news_categories",
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=True,
        help_text=_("Used in the address of the filtered news list."),
    )

    panels = [FieldPanel("site"), FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "locale", "slug"], name="news_category_unique_slug_per_site"
            )
        ]

    def __str__(self):
        return self.name
