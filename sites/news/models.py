"""News of a school or portal: an index page and its news pages.

News pages are ordinary Wagtail pages, translated with wagtail-localize, so each language
version is a page of its own locale tree. Items that arrived from elsewhere (another school,
a portal, an external feed: see sites.syndication) carry their source for attribution and a
canonical link to the origin. Categories (categories.py) are a translatable snippet per site;
comments (comments.py) are posted on the news page itself and moderated in the admin."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page
from wagtail.search import index

from schools import site_data
from sites.pages.models import BodyBlock

from .categories import NewsCategory
from .comments import CommentStatus, NewsComment
from .text import clean_text_fields, safe_url

__all__ = [
    "CommentStatus",
    "NewsCategory",
    "NewsComment",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
]

# Rendition specs used by the templates; the index fetches exactly these for its covers so that
# 50 items cost what 12 cost (attach_cover_renditions).
INDEX_COVER_SPEC = "fill-480x270"
PAGE_COVER_SPEC = "width-960"


def site_categories(site, locale_id):
    """The news categories of `site` in one language, from the cache until one changes."""
    return site_data.cached(
        "news-categories",
        [NewsCategory],
        [site.pk, locale_id],
        lambda: list(NewsCategory.objects.filter(site=site, locale_id=locale_id)),
    )


def localized_category_names(pages, known):
    """Attach `category_list` to each page: its categories, each in the language of `known`
    (the site's categories in one language, see site_categories) where a translation exists.
    Costs one query per page unless the pages' categories are prefetched."""
    localized = {c.translation_key: c for c in known}
    for page in pages:
        page.category_list = [localized.get(c.translation_key, c) for c in page.categories.all()]
    return pages


def attach_cover_renditions(items, spec):
    """Give each item's cover its `spec` rendition where the `{% image %}` tag looks first,
    read from Wagtail's rendition cache in one round trip; covers missing there are read from
    the database in one query, and a rendition that does not exist yet is made on render.
    Whatever the number of items, a listing costs at most one query for its covers."""
    rendition_model = get_image_model().get_rendition_model()
    image_filter = Filter(spec=spec)
    by_key = {}
    for item in items:
        image = item.cover_image
        if image is not None:
            key = rendition_model.construct_cache_key(
                image, image_filter.get_cache_key(image), spec
            )
            by_key.setdefault(key, []).append(image)
    cached = rendition_model.cache_backend.get_many(list(by_key))
    missing = [images[0].pk for key, images in by_key.items() if key not in cached]
    stored = {}
    if missing:
        for rendition in rendition_model.objects.filter(image_id__in=missing, filter_spec=spec):
            stored.setdefault(rendition.image_id, []).append(rendition)
    for key, images in by_key.items():
        for image in images:
            renditions = [cached[key]] if key in cached else stored.get(image.pk, [])
            for rendition in renditions:
                rendition.image = image  # alt text and focal point come from the image
            image.prefetched_renditions = list(renditions)
    return items


class NewsIndexPage(Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    items_per_page = models.PositiveSmallIntegerField(
        _("news per page"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("items_per_page")]
    parent_page_types = [
        "sites_pages.SchoolHomePage",
        "sites_pages.PortalHomePage",
        "sites_pages.PlatformHomePage",
    ]
    subpage_types = ["sites_news.NewsPage"]
    template = "sites_news/news_index_page.html"

    class Meta:
        verbose_name = _("news index")

    TEXT_FIELDS = ("title", "draft_title", "seo_title", "search_description", "intro")

    def full_clean(self, *args, **kwargs):
        clean_text_fields(self, self.TEXT_FIELDS)
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        clean_text_fields(self, self.TEXT_FIELDS)
        return super().save(*args, **kwargs)

    def news(self):
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .select_related("cover_image")
            .order_by("-date", "-pk")
        )

    def site_categories(self, request):
        return site_categories(getattr(request, "site", None) or self.get_site(), self.locale_id)

    def route(self, request, path_components):
        # A news item, its cover and its locale in one query, where Wagtail's routing would
        # spend three (the page, its specific row, then the cover when the template asks).
        if len(path_components) == 1:
            item = (
                NewsPage.objects.child_of(self)
                .select_related("cover_image", "locale")
                .filter(slug=path_components[0])
                .first()
            )
            if item is not None:
                item._cached_parent_obj = self  # what Page.route leaves for get_parent()
                return item.route(request, [])
        return super().route(request, path_components)

    def filtered_news(self, request):
        """The live news of this index, narrowed by ?tag= and ?category= (a category slug in
        any language of the site), with the tags and categories the listing shows prefetched
        (covers: attach_cover_renditions)."""
        news = (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-date", "-pk")
            .select_related("cover_image")
            .prefetch_related("tags", "categories")
        )
        tag = request.GET.get("tag", "").strip()[:100]
        slug = request.GET.get("category", "").strip()[:100]
        if "\x00" in tag + slug:
            # No tag or category holds a NUL character, and PostgreSQL refuses one in a
            # query (SQLite does not): such a filter simply matches nothing.
            return news.none(), tag, slug, None
        if tag:
            news = news.filter(tags__name=tag)
        category = None
        if slug:
            site = getattr(request, "site", None) or self.get_site()
            keys = set(
                NewsCategory.objects.filter(site=site, slug=slug).values_list(
                    "translation_key", flat=True
                )
            )
            news = news.filter(categories__translation_key__in=keys)
            category = next(
                (c for c in self.site_categories(request) if c.translation_key in keys), None
            )
        if tag or slug:
            news = news.distinct()
        return news, tag, slug, category

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news, tag, slug, category = self.filtered_news(request)
        paginator = Paginator(news, self.items_per_page or 12)
        page_obj = paginator.get_page(request.GET.get("page"))
        categories = self.site_categories(request)
        items = localized_category_names(list(page_obj.object_list), categories)
        attach_cover_renditions(items, INDEX_COVER_SPEC)
        query = {k: v for k, v in (("tag", tag), ("category", slug)) if v}
        context.update(
            news_page=page_obj,
            news_items=items,
            active_tag=tag,
            active_category_slug=slug,
            active_category=category,
            categories=categories,
            filter_query=urlencode(query),
            cover_spec=INDEX_COVER_SPEC,
        )
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("sites_news.NewsPage", related_name="tagged_items")


class NewsPageForm(WagtailAdminPageForm):
    """Offers only the categories of the page's own site and language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "categories" not in self.fields:
            return
        anchor = self.parent_page if self.instance.pk is None else self.instance
        site = anchor.get_site() if anchor is not None else None
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        queryset = NewsCategory.objects.filter(site=site, locale_id=locale_id)
        if self.instance.pk:
            # Keep what is already chosen (e.g. synced from the source language) selectable.
            queryset = queryset | NewsCategory.objects.filter(pk__in=self.instance.categories.all())
        self.fields["categories"].queryset = queryset.distinct()


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=2000,
        min_length=2,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


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
    categories = ParentalManyToManyField(
        "sites_news.NewsCategory", blank=True, verbose_name=_("categories"), related_name="+"
    )
    comments_enabled = models.BooleanField(_("comments allowed"), default=True)
    # Set for items that came from another site or feed (sites.syndication): shown as
    # attribution, and `source_url` becomes the page's canonical link.
    source_name = models.CharField(_("source"), max_length=255, blank=True)
    source_url = models.URLField(_("source link"), max_length=1000, blank=True)

    base_form_class = NewsPageForm
    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("comments_enabled"),
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

    TEXT_FIELDS = (
        "title",
        "draft_title",
        "seo_title",
        "search_description",
        "summary",
        "source_name",
        "source_url",
    )

    def full_clean(self, *args, **kwargs):
        # Before validation, so that a title of only control characters is reported empty.
        clean_text_fields(self, self.TEXT_FIELDS)
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        # Also on save: publishing a revision, imports and scripts do not validate.
        clean_text_fields(self, self.TEXT_FIELDS)
        return super().save(*args, **kwargs)

    @property
    def safe_source_url(self):
        """The source link when it is an http(s) URL; rows from before the check may hold a
        javascript: or data: link, which is never written into a page."""
        return safe_url(self.source_url)

    @property
    def canonical_url(self):
        return self.safe_source_url or None

    def visible_comments(self, user):
        """Comments of every language version of this item that `user` may see."""
        return (
            NewsComment.objects.filter(page__translation_key=self.translation_key)
            .visible_to(user)
            .select_related("author")
        )

    def login_url(self, request):
        return reverse("account_login") + "?" + urlencode({"next": request.get_full_path()})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = getattr(request, "site", None) or self.get_site()
        localized_category_names([self], site_categories(site, self.locale_id))
        context.update(
            comments=self.visible_comments(request.user),
            comment_form=kwargs.get("comment_form") or CommentForm(),
            login_url=self.login_url(request),
            news_index_url=self.get_parent().get_url(request),
            cover_spec=PAGE_COVER_SPEC,
        )
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and not getattr(request, "is_preview", False):
            return self.post_comment(request)
        return super().serve(request, *args, **kwargs)

    def post_comment(self, request):
        from .moderation import CommentRefused, submit_comment

        if not request.user.is_authenticated:
            return redirect(self.login_url(request))
        form = CommentForm(request.POST)
        if form.is_valid() and self.comments_enabled:
            try:
                comment = submit_comment(
                    self, request.site, request.user, form.cleaned_data["body"]
                )
            except CommentRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    gettext("Thank you! Your comment will appear after a moderator approves it."),
                )
                return redirect(f"{self.get_url(request)}#comment-{comment.pk}")
        elif not self.comments_enabled:
            form.add_error(None, gettext("Comments are closed for this news item."))
        # Re-render the page with the form bound: what the user typed stays in the textarea.
        context = self.get_context(request, comment_form=form)
        return TemplateResponse(request, self.get_template(request), context, status=400)
