"""The parts of a school's home page ("home sections"), each filled from the site's content.

The home page holds a StreamField of these blocks: editors reorder them, delete the ones they
do not want and add them back. A page whose list is empty shows DEFAULT_SECTIONS, so older
schools get the composed home page without editing anything.

Each block reads what it shows when it renders (latest news, upcoming events, pages that
parents look for); only live pages open to everyone are shown, so members-only news never
reaches the home page. Other apps' models are looked up by name, lazily: sites.news and
sites.events import this app's blocks."""

from django.apps import apps
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

DEFAULT_SECTIONS = [
    ("hero", {}),
    # The home page's own introduction and blocks: what a school wrote there before the
    # sections existed keeps showing.
    ("intro", {}),
    ("news", {"count": 3}),
    ("events", {"count": 3}),
    ("quick_links", {}),
    ("contacts", {}),
]


# Saving, publishing, moving or deleting any page bumps this version (signals.py), so the
# cached parts below are rebuilt; a home page shows news the moment it is published.
PARTS_VERSION = "sites_pages.HomeParts"
COVER_SPEC = "fill-640x360-c50"
MAX_ITEMS = 12


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _home(parent_context):
    page = parent_context.get("page") if parent_context else None
    return page if isinstance(page, Page) else None


def _first_live(label, home):
    model = _model(label)
    if model is None or home is None:
        return None
    return model.objects.live().public().descendant_of(home).order_by("path").first()


def _url(page, site):
    return page.relative_url(site) if page is not None else ""


def _cover(image):
    if image is None:
        return None
    try:
        rendition = image.get_rendition(COVER_SPEC)
    except (OSError, ValueError):
        return None  # a missing file must not break the home page
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


def build_parts(home, site):
    """What the home sections show, as plain data (cached): latest news, upcoming events,
    the pages parents look for and the contacts page. Live pages open to everyone only."""
    parts = {"news": [], "events": [], "pages": {}, "contacts": None}
    news_model = _model("sites_news.NewsPage")
    if news_model is not None:
        news = (
            news_model.objects.live()
            .public()
            .descendant_of(home)
            .select_related("cover_image")
            .order_by("-date", "-pk")[:MAX_ITEMS]
        )
        parts["news"] = [
            {
                "title": item.title,
                "url": _url(item, site),
                "date": item.date,
                "summary": item.summary,
                "cover": _cover(item.cover_image),
            }
            for item in news
        ]
    event_model = _model("sites_events.EventPage")
    if event_model is not None:
        events = (
            event_model.objects.live()
            .public()
            .descendant_of(home)
            .filter(end__gte=timezone.now())
            .order_by("start", "pk")[:MAX_ITEMS]
        )
        parts["events"] = [
            {
                "title": e.title,
                "url": _url(e, site),
                "start": e.start,
                "end": e.end,
                "place": e.place,
            }
            for e in events
        ]
    for label in [
        "sites_news.NewsIndexPage",
        "sites_events.EventIndexPage",
        *[label for label, _title, _icon in PARENT_PAGES],
    ]:
        page = _first_live(label, home)
        if page is not None:
            parts["pages"][label] = _url(page, site)
    contacts = _first_live("sites_pages.ContactsPage", home)
    if contacts is not None:
        parts["contacts"] = {
            "url": _url(contacts, site),
            "street_address": contacts.street_address,
            "postal_code": contacts.postal_code,
            "locality": contacts.locality,
            "phones": [dict(b.value) for b in contacts.phones],
            "emails": [dict(b.value) for b in contacts.emails],
            "working_hours": [dict(b.value) for b in contacts.working_hours],
            "location": _location(contacts),
        }
    return parts


def _location(contacts):
    from .maps import Location, location_from_url

    for block in contacts.map:
        value = block.value
        if value.get("latitude") is not None and value.get("longitude") is not None:
            return Location(value["latitude"], value["longitude"], value.get("zoom") or 16)
        if value.get("url"):
            return location_from_url(value["url"], value.get("zoom") or 16)
    return None


def home_parts(parent_context):
    """The cached parts of the home page being rendered (once per request)."""
    from schools import site_data

    home = _home(parent_context)
    if home is None:
        return {"news": [], "events": [], "pages": {}, "contacts": None}
    request = parent_context.get("request")
    cached = getattr(request, "_home_parts", None)
    if cached is not None:
        return cached
    site = getattr(request, "site", None) or home.get_site()
    parts = site_data.cached(
        "home-parts", [PARTS_VERSION], [site.pk, home.pk], lambda: build_parts(home, site)
    )
    if request is not None:
        request._home_parts = parts
    return parts


class HeroBlock(blocks.StructBlock):
    cover = ImageChooserBlock(
        label=_("Cover image"),
        required=False,
        help_text=_("A wide photo of the school (16:9); without one the school's colours show."),
    )
    motto = blocks.CharBlock(label=_("Motto"), required=False, max_length=200)
    button_label = blocks.CharBlock(
        label=_("Button text"), required=False, max_length=60, help_text=_("e.g. For parents")
    )
    button_page = blocks.PageChooserBlock(label=_("Button opens"), required=False)

    class Meta:
        icon = "image"
        label = _("Cover, motto and notices")
        template = "sites_pages/home/hero.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        home = _home(parent_context)
        context["notices"] = (
            list(home.specific.notices) if home is not None and hasattr(home, "notices") else []
        )
        return context


class LatestNewsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Heading"), required=False, max_length=100)
    count = blocks.IntegerBlock(label=_("How many"), default=3, min_value=1, max_value=12)

    class Meta:
        icon = "doc-full"
        label = _("Latest news")
        template = "sites_pages/home/news.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        parts = home_parts(parent_context)
        context["items"] = parts["news"][: value["count"]]
        context["index_url"] = parts["pages"].get("sites_news.NewsIndexPage")
        return context


class UpcomingEventsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Heading"), required=False, max_length=100)
    count = blocks.IntegerBlock(label=_("How many"), default=3, min_value=1, max_value=12)

    class Meta:
        icon = "date"
        label = _("Upcoming events")
        template = "sites_pages/home/events.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        parts = home_parts(parent_context)
        now = timezone.now()
        # The cache may be older than an event's end: drop what ended since.
        items = [event for event in parts["events"] if event["end"] >= now]
        context["items"] = items[: value["count"]]
        context["index_url"] = parts["pages"].get("sites_events.EventIndexPage")
        return context


class ExtraLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"))


# (model label, link label, icon letter): pages parents look for, found on the site when live.
PARENT_PAGES = [
    ("sites_feedback.FeedbackFormPage", _("Ask a question"), "?"),
    ("sites_events.EventIndexPage", _("Apply to an event"), "✓"),
    ("sites_vacancies.VacancyIndexPage", _("Vacancies"), "+"),
]


class QuickLinksBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Heading"), required=False, max_length=100)
    links = blocks.ListBlock(
        ExtraLinkBlock(),
        label=_("More links"),
        default=[],
        help_text=_(
            "Shown before the links found on the site (ask a question, events, vacancies, "
            "services)."
        ),
    )

    class Meta:
        icon = "link"
        label = _("Links for parents")
        template = "sites_pages/home/quick_links.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["links"] = quick_links(value, parent_context or {})
        return context


def quick_links(value, parent_context):
    """The home page's links for parents: the editor's own, then each kind of page that
    exists on the site (live, public), then the services (plugins) switched on for the site
    that have public pages."""
    request = parent_context.get("request")
    site = getattr(request, "site", None)
    parts = home_parts(parent_context)
    links = []
    for item in value.get("links") or []:
        page = item["page"]
        if page is not None and page.live:
            links.append({"label": item["label"], "url": page.url, "icon": "→"})
    for label, title, icon in PARENT_PAGES:
        url = parts["pages"].get(label)
        if url:
            links.append({"label": title, "url": url, "icon": icon})
    if site is not None:
        from plugin_api.registry import plugin_registry

        language = (get_language() or "kk")[:2]
        for config in plugin_registry.enabled_for_site(site):
            meta = config.PluginMeta
            if meta.url_prefix and meta.visible:
                links.append(
                    {
                        "label": config.plugin_title,
                        "url": f"/{language}/{meta.url_prefix}/",
                        "icon": "★",
                    }
                )
    return links


class ContactsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Heading"), required=False, max_length=100)

    class Meta:
        icon = "mail"
        label = _("Contacts and map")
        template = "sites_pages/home/contacts.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["contacts"] = home_parts(parent_context)["contacts"]
        return context


class HomeIntroBlock(blocks.StaticBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Introduction and body of the page")
        admin_text = _("The introduction and content blocks of this page, in this place.")
        template = "sites_pages/home/intro.html"


class HomeSectionBlock(blocks.StreamBlock):
    hero = HeroBlock()
    news = LatestNewsBlock()
    events = UpcomingEventsBlock()
    quick_links = QuickLinksBlock()
    contacts = ContactsBlock()
    intro = HomeIntroBlock()


class NoticeBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=300)
    important = blocks.BooleanBlock(
        label=_("Important"), required=False, help_text=_("Shown in red, e.g. a closure.")
    )
    page = blocks.PageChooserBlock(label=_("More on"), required=False)

    class Meta:
        icon = "warning"
        label = _("Notice")
