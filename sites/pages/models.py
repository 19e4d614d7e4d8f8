"""Home pages of the platform, the territory portals and the schools, and content pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), form_classname="title")
    paragraph = blocks.RichTextBlock(label=_("Paragraph"))
    image = ImageBlock(label=_("Image"))


class HomePageBase(Page):
    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True


class PlatformHomePage(HomePageBase):
    parent_page_types = ["wagtailcore.Page"]
    template = "sites_pages/platform_home_page.html"

    class Meta:
        verbose_name = _("platform home page")


class PortalHomePage(HomePageBase):
    parent_page_types = ["wagtailcore.Page"]
    template = "sites_pages/portal_home_page.html"

    class Meta:
        verbose_name = _("portal home page")


class SchoolHomePage(HomePageBase):
    parent_page_types = ["wagtailcore.Page"]
    template = "sites_pages/school_home_page.html"

    class Meta:
        verbose_name = _("school home page")


class ContentPage(Page):
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = [
        "sites_pages.SchoolHomePage",
        "sites_pages.PortalHomePage",
        "sites_pages.PlatformHomePage",
        "sites_pages.ContentPage",
    ]
    template = "sites_pages/content_page.html"

    class Meta:
        verbose_name = _("content page")
