"""News of a school or portal: an index page and its news pages.

News pages are ordinary Wagtail pages, translated with wagtail-localize, so each language
version is a page of its own locale tree. Items that arrived from elsewhere (another school,
a portal, an external feed: see sites.syndication) carry their source for attribution and a
canonical link to the origin."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from sites.pages.models import BodyBlock


class NewsIndexPage(Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = [
        "sites_pages.SchoolHomePage",
        "sites_pages.PortalHomePage",
        "sites_pages.PlatformHomePage",
    ]
    subpage_types = ["sites_news.NewsPage"]
    template = "sites_news/news_index_page.html"

    class Meta:
        verbose_name = _("news index")

    def news(self):
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .select_related("cover_image")
            .order_by("-date", "-pk")
        )


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("sites_news.NewsPage", related_name="tagged_items")


class NewsPage(Page):
    date = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    # Set for items that came from another site or feed (sites.syndication): shown as
    # attribution, and `source_url` becomes the page's canonical link.
    source_name = models.CharField(_("source"), max_length=255, blank=True)
    source_url = models.URLField(_("source link"), max_length=1000, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        FieldPanel("tags"),
        MultiFieldPanel([FieldPanel("source_name"), FieldPanel("source_url")], heading=_("Source")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["sites_news.NewsIndexPage"]
    subpage_types = []
    template = "sites_news/news_page.html"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    @property
    def canonical_url(self):
        return self.source_url or None
