"""StreamField blocks of school content pages.

`ContentBlock` is the body of home, section and content pages; news keeps the smaller
`BodyBlock` (models.py) until its owner switches. Each block renders with its own template
under sites_pages/blocks/, so a theme can restyle one block without touching the others."""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from plugin_api.blocks import plugin_page_blocks

from .embeds import is_embeddable
from .maps import Location, location_from_url, provider_of

VIDEO_EXTENSIONS = {".mp4", ".webm", ".ogv", ".ogg", ".m4v", ".mov"}


def _struct_error(**errors):
    return StructBlockValidationError(
        block_errors={name: ValidationError(message) for name, message in errors.items()}
    )


class FigureBlock(blocks.StructBlock):
    """An image with the alternative text screen readers announce (required) and a caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the image shows, for visitors who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "sites_pages/blocks/figure.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    images = blocks.ListBlock(FigureBlock(), label=_("Images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "sites_pages/blocks/gallery.html"


class VideoBlock(blocks.StructBlock):
    """A video uploaded to the site (a document) or a link to a video service; exactly one."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    file = DocumentChooserBlock(
        label=_("Video file"),
        required=False,
        help_text=_("An uploaded video file: MP4, WebM or OGV."),
    )
    url = blocks.URLBlock(
        label=_("Video link"),
        required=False,
        help_text=_("A link to the video on a video service, e.g. YouTube or Vimeo."),
    )
    poster = ImageChooserBlock(label=_("Poster image"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "sites_pages/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        document, url = value.get("file"), value.get("url")
        if bool(document) == bool(url):
            raise _struct_error(file=_("Choose a video file or enter a video link (one of them)."))
        if document and PurePosixPath(document.filename).suffix.lower() not in VIDEO_EXTENSIONS:
            raise _struct_error(
                file=_("This document is not a video. Upload an MP4, WebM or OGV file.")
            )
        if url and not is_embeddable(url):
            raise _struct_error(
                url=_("Videos from this address cannot be embedded. Use a YouTube or Vimeo link.")
            )
        return value


class DocumentListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    documents = blocks.ListBlock(DocumentChooserBlock(), label=_("Documents"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Document list")
        template = "sites_pages/blocks/document_list.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Link"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "sites_pages/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise _struct_error(page=_("Choose a page or enter a link (one of them)."))
        return value


class MapBlock(blocks.StructBlock):
    """A place on the map, from a Yandex Maps, 2GIS or OpenStreetMap link or from coordinates.

    Rendered as an OpenStreetMap frame and links to each provider; no map script runs on the
    school's page."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    url = blocks.URLBlock(
        label=_("Map link"),
        required=False,
        help_text=_("Copy the link of the place from Yandex Maps, 2GIS or OpenStreetMap."),
    )
    latitude = blocks.FloatBlock(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = blocks.FloatBlock(
        label=_("Longitude"), required=False, min_value=-180, max_value=180
    )
    zoom = blocks.IntegerBlock(label=_("Zoom"), default=16, min_value=1, max_value=19)

    class Meta:
        icon = "site"
        label = _("Map")
        template = "sites_pages/blocks/map.html"

    def clean(self, value):
        value = super().clean(value)
        url = value.get("url")
        has_point = value.get("latitude") is not None and value.get("longitude") is not None
        if url and provider_of(url) is None:
            raise _struct_error(url=_("Use a link from Yandex Maps, 2GIS or OpenStreetMap."))
        if not url and not has_point:
            raise _struct_error(url=_("Enter a map link or the latitude and longitude."))
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        location = None
        if value.get("latitude") is not None and value.get("longitude") is not None:
            location = Location(value["latitude"], value["longitude"], value.get("zoom") or 16)
        elif value.get("url"):
            location = location_from_url(value["url"], value.get("zoom") or 16)
        context["location"] = location
        return context


class ContentBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", template="sites_pages/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Paragraph"))
    image = FigureBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    documents = DocumentListBlock()
    table = TableBlock(label=_("Table"), template="sites_pages/blocks/table.html")
    call_to_action = CallToActionBlock()
    map = MapBlock()

    def __init__(self, local_blocks=None, **kwargs):
        # Blocks of installed plugins (polls, survey links...) follow the core's own.
        super().__init__([*(local_blocks or []), *plugin_page_blocks()], **kwargs)


# --- Structured data of contacts and staff pages -------------------------------------------


class PhoneBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), required=False, max_length=100)
    number = blocks.RegexBlock(
        regex=r"^\+?[0-9 ()\-]{5,25}$",
        label=_("Phone number"),
        error_messages={"invalid": _("Enter a phone number such as +7 7212 00 00 00.")},
    )

    class Meta:
        icon = "mobile-alt"
        label = _("Phone")


class EmailBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), required=False, max_length=100)
    email = blocks.EmailBlock(label=_("E-mail"))

    class Meta:
        icon = "mail"
        label = _("E-mail")


class WorkingHoursBlock(blocks.StructBlock):
    days = blocks.CharBlock(label=_("Days"), max_length=100)
    hours = blocks.CharBlock(label=_("Hours"), max_length=100)

    class Meta:
        icon = "time"
        label = _("Working hours")


class StaffMemberBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Full name"), max_length=200)
    photo = ImageChooserBlock(label=_("Photo"), required=False)
    position = blocks.CharBlock(label=_("Position"), max_length=200)
    subjects = blocks.CharBlock(
        label=_("Subjects"), required=False, max_length=300, help_text=_("Separate with commas.")
    )
    phone = blocks.CharBlock(label=_("Phone number"), required=False, max_length=40)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    about = blocks.TextBlock(label=_("About"), required=False)

    class Meta:
        icon = "user"
        label = _("Staff member")
        template = "sites_pages/blocks/staff_member.html"


class StaffBlock(blocks.StreamBlock):
    """The staff in the order editors arrange them, optionally under group headings."""

    group = blocks.CharBlock(
        label=_("Group heading"), template="sites_pages/blocks/heading.html", max_length=200
    )
    member = StaffMemberBlock()
