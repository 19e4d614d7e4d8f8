"""Photo galleries (a collection of the school's media and/or chosen images) and video
galleries (uploaded video files and videos embedded from video services)."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.search import index

from sites.pages.blocks import FigureBlock, VideoBlock
from sites.pages.models import HOME_PAGE_TYPES

from .forms import PhotoGalleryPageForm

GALLERY_PARENT_TYPES = [*HOME_PAGE_TYPES, "sites_pages.SectionPage"]
THUMBNAIL_FILTER = "fill-320x240"
LARGE_FILTER = "max-1600x1200"
PHOTOS_PER_PAGE = 48


class PhotoGalleryPage(Page):
    intro = RichTextField(_("introduction"), blank=True)
    collection = models.ForeignKey(
        Collection,
        verbose_name=_("collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Show every image of this collection (newest first)."),
    )
    include_subcollections = models.BooleanField(_("include sub-collections"), default=True)
    images = StreamField(
        [("image", FigureBlock())],
        blank=True,
        verbose_name=_("chosen images"),
        help_text=_("Shown first, in this order, with their captions."),
    )

    base_form_class = PhotoGalleryPageForm
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("collection"), FieldPanel("include_subcollections")],
            heading=_("Images from a collection"),
        ),
        FieldPanel("images"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = GALLERY_PARENT_TYPES
    subpage_types = []
    template = "sites_galleries/photo_gallery_page.html"

    class Meta:
        verbose_name = _("photo gallery")
        verbose_name_plural = _("photo galleries")

    def collection_images(self):
        image_model = get_image_model()
        if self.collection is None:
            return image_model.objects.none()
        collections = (
            Collection.objects.descendant_of(self.collection, inclusive=True)
            if self.include_subcollections
            else Collection.objects.filter(pk=self.collection.pk)
        )
        return image_model.objects.filter(collection__in=collections).order_by("-created_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.collection_images(), PHOTOS_PER_PAGE)
        photos = paginator.get_page(request.GET.get("page"))
        # Two rendition sizes per image, fetched in one query instead of two per image.
        photos.object_list = list(
            photos.object_list.prefetch_renditions(THUMBNAIL_FILTER, LARGE_FILTER)
        )
        context["photos"] = photos
        return context


class VideoGalleryPage(Page):
    intro = RichTextField(_("introduction"), blank=True)
    videos = StreamField([("video", VideoBlock())], blank=True, verbose_name=_("videos"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("videos")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("videos")]
    parent_page_types = GALLERY_PARENT_TYPES
    subpage_types = []
    template = "sites_galleries/video_gallery_page.html"

    class Meta:
        verbose_name = _("video gallery")
        verbose_name_plural = _("video galleries")
