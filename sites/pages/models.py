"""Page types of school and portal sites, and each site's logo and favicon.

Home pages sit at the root of their site; section pages group content, contacts and staff
pages under them. Page types of other apps (news, galleries, events, ...) name the parents
they accept, so home and section pages leave their subpage types open."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks import StreamValue
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index

from .blocks import (
    ContentBlock,
    EmailBlock,
    MapBlock,
    PhoneBlock,
    StaffBlock,
    WorkingHoursBlock,
)
from .home_sections import DEFAULT_SECTIONS, HomeSectionBlock, NoticeBlock

HOME_PAGE_TYPES = [
    "sites_pages.SchoolHomePage",
    "sites_pages.PortalHomePage",
    "sites_pages.PlatformHomePage",
]


class BodyBlock(blocks.StreamBlock):
    """The short body of news pages (sites.news); content pages use blocks.ContentBlock."""

    heading = blocks.CharBlock(label=_("Heading"), form_classname="title")
    paragraph = blocks.RichTextBlock(label=_("Paragraph"))
    image = ImageBlock(label=_("Image"))


# Wagtail's ImageBlock names its own image field "Image" without gettext (the Kazakh admin
# showed it in English); the label is not part of the block's definition (no migration).
BodyBlock.base_blocks["image"].child_blocks["image"].label = _("Image")


class HomePageBase(Page):
    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(ContentBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        abstract = True


class PortalHomeMixin:
    """The home page of a portal (district, region, the platform): its territory's schools,
    news, events and vacancies (portal.py)."""

    def get_context(self, request, *args, **kwargs):
        from sites.syndication.aggregation import portal_for_site

        from .portal import portal_context

        context = super().get_context(request, *args, **kwargs)
        site = getattr(request, "site", None) or self.get_site()
        portal = portal_for_site(site) if site else None
        if portal is not None:
            district = request.GET.get("district", "").strip()
            context["portal"] = portal
            context["territory"] = portal_context(portal, self.locale.language_code, district)
        return context


class PlatformHomePage(PortalHomeMixin, HomePageBase):
    template = "sites_pages/platform_home_page.html"

    class Meta:
        verbose_name = _("platform home page")


class PortalHomePage(PortalHomeMixin, HomePageBase):
    template = "sites_pages/portal_home_page.html"

    class Meta:
        verbose_name = _("portal home page")


class SchoolHomePage(HomePageBase):
    """The school's front page, composed of home sections (home_sections.py)."""

    sections = StreamField(
        HomeSectionBlock(),
        blank=True,
        verbose_name=_("home page sections"),
        help_text=_(
            "The parts of the home page in their order. Delete a part to hide it; leave the "
            "list empty for the standard layout."
        ),
    )
    notices = StreamField(
        [("notice", NoticeBlock())],
        blank=True,
        verbose_name=_("notices"),
        help_text=_("Short announcements shown on the cover, e.g. a change of timetable."),
    )

    content_panels = HomePageBase.content_panels + [
        FieldPanel("notices"),
        FieldPanel("sections"),
    ]
    template = "sites_pages/school_home_page.html"

    class Meta:
        verbose_name = _("school home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = self.home_sections()
        context["home_sections"] = sections
        context["has_hero"] = any(block.block_type == "hero" for block in sections)
        return context

    def home_sections(self):
        """The sections to render: the editor's list, or the standard layout."""
        if self.sections:
            return self.sections
        return StreamValue(
            self.sections.stream_block,
            [
                (name, self.sections.stream_block.child_blocks[name].to_python(value))
                for name, value in DEFAULT_SECTIONS
            ],
        )


class SectionPage(Page):
    """A section of the site ("About the school", "Parents", ...) that lists its pages."""

    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(ContentBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = [*HOME_PAGE_TYPES, "sites_pages.SectionPage"]
    template = "sites_pages/section_page.html"

    class Meta:
        verbose_name = _("section page")

    def children(self):
        """The live child pages, with the summary of those that are content pages: two
        queries, where .specific() would cost one more per child page type."""
        children = list(self.get_children().live().public().order_by("path"))
        summaries = dict(
            ContentPage.objects.filter(pk__in=[child.pk for child in children]).values_list(
                "pk", "summary"
            )
        )
        for child in children:
            child.summary = summaries.get(child.pk, "")
        return children


class ContentPage(Page):
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(ContentBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = [*HOME_PAGE_TYPES, "sites_pages.SectionPage", "sites_pages.ContentPage"]
    template = "sites_pages/content_page.html"

    class Meta:
        verbose_name = _("content page")


class ContactsPage(Page):
    """The school's address, phones, e-mails, working hours and a map, as structured data."""

    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(_("town or village"), max_length=200, help_text=_("e.g. Karaganda"))
    street_address = models.CharField(
        _("street and building"), max_length=300, help_text=_("e.g. 15 Beibitshilik Street")
    )
    phones = StreamField([("phone", PhoneBlock())], blank=True, verbose_name=_("phones"))
    emails = StreamField([("email", EmailBlock())], blank=True, verbose_name=_("e-mails"))
    working_hours = StreamField(
        [("hours", WorkingHoursBlock())], blank=True, verbose_name=_("working hours")
    )
    map = StreamField(
        [("map", MapBlock())],
        blank=True,
        max_num=1,
        verbose_name=_("map"),
    )
    body = StreamField(ContentBlock(), blank=True, verbose_name=_("more information"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("postal_code"), FieldPanel("locality"), FieldPanel("street_address")],
            heading=_("Address"),
        ),
        FieldPanel("phones"),
        FieldPanel("emails"),
        FieldPanel("working_hours"),
        FieldPanel("map"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("locality"),
        index.SearchField("street_address"),
        index.SearchField("body"),
    ]
    parent_page_types = [*HOME_PAGE_TYPES, "sites_pages.SectionPage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "sites_pages/contacts_page.html"

    class Meta:
        verbose_name = _("contacts page")


class StaffDirectoryPage(Page):
    """Teachers and administration in the order the school arranges them."""

    intro = RichTextField(_("introduction"), blank=True)
    staff = StreamField(StaffBlock(), blank=True, verbose_name=_("staff"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("staff")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("staff")]
    parent_page_types = ["sites_pages.SchoolHomePage", "sites_pages.SectionPage"]
    subpage_types = []
    template = "sites_pages/staff_directory_page.html"

    class Meta:
        verbose_name = _("staff directory")


def _in_collection(image, collection):
    return image.collection_id == collection.pk or image.collection.is_descendant_of(collection)


@register_setting(icon="image")
class SiteBranding(BaseSiteSetting):
    """The logo and favicon of one site; its admins change them in Settings."""

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown in the header of every page. PNG or WebP with a transparent background."
        ),
    )
    favicon = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("favicon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The small icon of the browser tab: a square image, at least 180×180 pixels."),
    )

    panels = [FieldPanel("logo"), FieldPanel("favicon")]

    class Meta:
        verbose_name = _("logo and favicon")
        verbose_name_plural = _("logo and favicon")

    def clean(self):
        super().clean()
        errors = {}
        school = getattr(self.site, "school", None) if self.site_id else None
        for name in ("logo", "favicon"):
            image = getattr(self, name)
            # The admin's image chooser only offers the school's images; a crafted form
            # post must not borrow another school's file either.
            foreign = (
                image is not None
                and school is not None
                and not _in_collection(image, school.collection)
            )
            if foreign:
                errors[name] = _("Choose an image from your school's media.")
        favicon = self.favicon
        if favicon is not None and "favicon" not in errors:
            if favicon.width != favicon.height:
                errors["favicon"] = _(
                    "The favicon must be square; this image is %(width)s×%(height)s pixels."
                ) % {"width": favicon.width, "height": favicon.height}
            elif favicon.width < 32:
                errors["favicon"] = _("The favicon must be at least 32×32 pixels.")
        if errors:
            raise ValidationError(errors)
