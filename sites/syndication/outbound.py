"""Outbound news of a site in one language: RSS 2.0 and Atom (Django's syndication framework)
and JSON Feed 1.1. A school publishes its own news; a portal and the platform publish their
own and their schools' news (see aggregation.entries_for_site)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, JsonResponse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sites.news.text import safe_url, strip_invalid

from .aggregation import entries_for_site


@dataclass
class FeedContext:
    site: object
    language: str
    home_url: str
    feed_url: str


def _site_and_language(request):
    site = getattr(request, "site", None)
    if site is None:
        raise Http404
    return site, (get_language() or settings.LANGUAGE_CODE)[:2]


def _site_url(request, language):
    return request.build_absolute_uri(f"/{language}/")


def _self_url(request):
    # The feed's own address without the query string: the self link must not echo
    # whatever a visitor (or a cache-busting prober) appended.
    return request.build_absolute_uri(request.path)


def _link(url):
    """The URL as stored (stable GUIDs for subscribers) when it is an http(s) URL."""
    return url if safe_url(url) else ""


def _text(value):
    """Text for a feed: no control characters (rows stored before the save-time cleaning
    would otherwise make Django's feed writer fail, and the whole feed answer 500)."""
    return strip_invalid(value or "")


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    # The view instance is shared between requests: everything per request travels in `obj`.
    def get_object(self, request, *args, **kwargs):
        site, language = _site_and_language(request)
        return FeedContext(site, language, _site_url(request, language), _self_url(request))

    def title(self, obj):
        return _text(_("News: %(site)s") % {"site": obj.site.site_name or obj.site.hostname})

    def link(self, obj):
        return obj.home_url

    def description(self, obj):
        return self.title(obj)

    def feed_url(self, obj):
        return obj.feed_url

    def items(self, obj):
        entries = entries_for_site(obj.site, obj.language).order_by("-date", "-pk")
        return entries[: settings.SYNDICATION_FEED_ITEMS]

    def item_title(self, item):
        return _text(item.title)

    def item_description(self, item):
        # Summaries are plain text, while readers take RSS descriptions and Atom summaries
        # (which Django marks type="html") as HTML: escaped, "<b>" arrives as text.
        return escape(_text(item.summary))

    def item_link(self, item):
        return _link(item.url)

    def item_guid(self, item):
        return _link(item.url)

    def item_guid_is_permalink(self, item):
        return True

    def item_pubdate(self, item):
        return item.date

    def item_updateddate(self, item):
        return item.modified_at

    def item_author_name(self, item):
        return _text(item.origin_name)


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


def json_feed(request):
    site, language = _site_and_language(request)
    entries = entries_for_site(site, language).order_by("-date", "-pk")
    title = _("News: %(site)s") % {"site": site.site_name or site.hostname}
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": _site_url(request, language),
        "feed_url": _self_url(request),
        "language": language,
        "items": [
            {
                "id": entry.url,
                "url": _link(entry.url),
                "title": _text(entry.title),
                "summary": _text(entry.summary),
                "content_text": _text(entry.summary or entry.title),
                "date_published": entry.date.isoformat(),
                "date_modified": entry.modified_at.isoformat(),
                "authors": [{"name": _text(entry.origin_name)}],
                "language": entry.language,
            }
            for entry in entries[: settings.SYNDICATION_FEED_ITEMS]
        ],
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/feed+json; charset=utf-8"
    return response
