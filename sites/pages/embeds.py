"""Embedded videos that never break a page.

Wagtail's oEmbed finder waits forever on a provider that does not answer; ours gives up after
EMBED_FETCH_TIMEOUT seconds. A failed look-up is remembered for a while so that a page with a
dead provider does not wait again on every render, and the page shows a plain link instead.
The provider's HTML is cut down to an iframe: no provider script and no inline style reaches
our pages (Content Security Policy)."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException, EmbedNotFoundException
from wagtail.embeds.finders import get_finders
from wagtail.embeds.finders.oembed import OEmbedFinder

import nh3
import requests

FAILURE_KEY = "sites_pages:embed-failed:{digest}"

ALLOWED_IFRAME_ATTRIBUTES = {
    "src",
    "width",
    "height",
    "title",
    "allow",
    "allowfullscreen",
    "frameborder",
    "referrerpolicy",
    "loading",
}


class TimeoutOEmbedFinder(OEmbedFinder):
    """OEmbedFinder with a network timeout (the stock one has none)."""

    def find_embed(self, url, max_width=None, max_height=None):
        endpoint = self._get_endpoint(url)
        if endpoint is None:
            raise EmbedNotFoundException
        params = {**self.options, "url": url, "format": "json"}
        if max_width:
            params["maxwidth"] = max_width
        if max_height:
            params["maxheight"] = max_height
        try:
            response = requests.get(
                endpoint,
                params=params,
                headers={"User-agent": "Mozilla/5.0"},
                timeout=getattr(settings, "EMBED_FETCH_TIMEOUT", 5),
            )
            response.raise_for_status()
            oembed = response.json()
        except (requests.RequestException, ValueError) as error:
            raise EmbedNotFoundException(f"Request failed: {error}") from error
        if "type" not in oembed:
            raise EmbedNotFoundException("Missing 'type' in response")
        return {
            "title": oembed.get("title", "") or "",
            "author_name": oembed.get("author_name", "") or "",
            "provider_name": oembed.get("provider_name", "") or "",
            "type": oembed["type"],
            "thumbnail_url": oembed.get("thumbnail_url"),
            "width": oembed.get("width"),
            "height": oembed.get("height"),
            "html": oembed.get("html") if oembed["type"] in ("video", "rich") else "",
        }


def is_embeddable(url):
    """Whether a configured finder knows the URL's provider (no network access)."""
    return any(finder.accept(url) for finder in get_finders())


def clean_embed_html(html):
    return nh3.clean(
        html or "",
        tags={"iframe"},
        attributes={"iframe": ALLOWED_IFRAME_ATTRIBUTES},
        url_schemes={"https", "http"},
        link_rel=None,
    )


def safe_embed(url):
    """(html, title) for the URL's embed, or (None, "") when the provider is unreachable or
    does not know the URL; the caller then shows a link."""
    digest = hashlib.sha256(url.encode()).hexdigest()[:32]
    failure_key = FAILURE_KEY.format(digest=digest)
    if cache.get(failure_key):
        return None, ""
    try:
        embed = get_embed(url)
    except EmbedException:
        cache.set(failure_key, True, getattr(settings, "EMBED_FAILURE_RETRY_SECONDS", 600))
        return None, ""
    html = clean_embed_html(embed.html)
    return (html or None), embed.title
