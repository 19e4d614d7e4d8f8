"""Pull one external feed and land its new items in the subscribers' news.

Storing and landing are two idempotent steps. Items are stored with a unique key per feed
(GUID, and link), so a second import of the same document inserts nothing. Landing makes a
news page per subscription and item, recorded in `Delivery` (unique per subscription and
item) in the same transaction as the pages, a batch at a time (landing.py inserts a batch
with a fixed number of queries): a worker killed in a batch leaves that batch and the rest
for the next run, and nothing is landed twice."""

import logging
from datetime import timedelta
from urllib.parse import unquote

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext

from sites.news.models import NewsPage

from . import fetcher, parser
from .errors import FeedError
from .landing import Landing, create_pages, lock_sections, slug_base
from .models import Delivery, Feed, FeedItem, NewsEntry, Subscription, url_key
from .sanitize import safe_url, sanitize_html

logger = logging.getLogger(__name__)

LAND_BATCH = 200  # items landed per transaction


def backoff_delay(feed):
    """Normal interval while the feed works; doubling with each error in a row, capped."""
    minutes = feed.interval_minutes * (2 ** min(feed.error_count, 10))
    return timedelta(minutes=min(minutes, settings.SYNDICATION_MAX_BACKOFF_MINUTES))


def _record_error(feed, error):
    feed.status = Feed.Status.ERROR
    feed.error_code = error.code
    feed.error_params = {key: str(value) for key, value in error.params.items()}
    feed.notes = []
    feed.error_count += 1
    feed.next_fetch_at = timezone.now() + backoff_delay(feed)
    feed.save()


def item_key(item):
    """The item's identity within its feed: its GUID, else its link, else its content. The
    content key leaves the date out (an undated item gets the import time, which changes
    with every fetch), so that the same item fetched again is recognised, while three items
    with one title and different texts stay three."""
    key = url_key(item.guid or item.link)
    if key:
        return key
    content = "\n".join((item.title, item.summary, item.content, item.image_url))
    return url_key("content:" + content)


def store_items(feed, items):
    """Insert the items not seen before; returns how many were new."""
    rows, seen = [], set()
    for item in items:
        guid_key, link_key = item_key(item), url_key(item.link)
        if guid_key in seen or (link_key and link_key in seen):
            continue
        seen.update(key for key in (guid_key, link_key) if key)
        rows.append(
            FeedItem(
                feed=feed,
                guid_key=guid_key,
                link_key=link_key,
                guid=item.guid,
                link=item.link,
                title=item.title,
                summary=item.summary,
                content=item.content,
                image_url=item.image_url,
                published=item.published,
                date_problem=item.date_problem,
                truncated=item.truncated,
            )
        )
    known_guids = set(
        FeedItem.objects.filter(feed=feed, guid_key__in=[r.guid_key for r in rows]).values_list(
            "guid_key", flat=True
        )
    )
    known_links = set(
        FeedItem.objects.filter(
            feed=feed, link_key__in=[r.link_key for r in rows if r.link_key]
        ).values_list("link_key", flat=True)
    )
    new = [r for r in rows if r.guid_key not in known_guids and r.link_key not in known_links]
    # ignore_conflicts: a concurrent import of the same feed may have inserted some already.
    FeedItem.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    return len(new)


def import_feed(feed):
    """Fetch, parse and store one feed, recording the outcome on the feed. Never raises for
    problems of the feed itself: they become the feed's error and its back-off."""
    now = timezone.now()
    feed.last_fetched_at = now
    try:
        return _import(feed, now)
    except FeedError as error:
        _record_error(feed, error)
        return 0
    except Exception as error:  # noqa: BLE001 (a feed must never get stuck without a reason)
        # Whatever a hostile document triggers deeper down (a parser bug, a database limit)
        # becomes this feed's error with its back-off, and the other feeds go on.
        logger.exception("Feed %s could not be imported", feed.pk)
        _record_error(feed, FeedError("internal", detail=error.__class__.__name__))
        return 0


def _import(feed, now):
    try:
        result = fetcher.fetch(feed.url, feed.etag, feed.last_modified_header)
        if result.not_modified:
            feed.status = Feed.Status.NOT_MODIFIED
            feed.error_code, feed.error_params, feed.error_count = "", {}, 0
            feed.items_new_last_fetch = 0
            feed.last_success_at = now
            feed.next_fetch_at = now + backoff_delay(feed)
            feed.save()
            return 0
        parsed = parser.parse(
            result.body, result.url or feed.url, result.headers.get("content-type", "")
        )
    except FeedError as error:
        _record_error(feed, error)
        return 0
    new_count = store_items(feed, parsed.items)
    feed.etag = result.headers.get("etag", "")[:255]
    feed.last_modified_header = result.headers.get("last-modified", "")[:255]
    feed.status = Feed.Status.WARNING if parsed.warning_code else Feed.Status.OK
    feed.error_code = parsed.warning_code or ""
    feed.error_params = parsed.warning_params or {}
    feed.notes = parsed.notes
    feed.error_count = 0
    feed.items_last_fetch = len(parsed.items)
    feed.items_new_last_fetch = new_count
    feed.last_success_at = now
    feed.next_fetch_at = now + backoff_delay(feed)
    feed.save()
    return new_count


def _body_of(item, language):
    """The news page body of a feed item. The image is an element built by the HTML library
    from a checked http(s) URL (format_html escapes it): a quote in a feed's image field
    once put a <meta refresh> on the school's page. The content went through nh3 at import
    and goes through it again, so stored rows from before cannot carry markup either."""
    blocks = []
    image_url = safe_url(item.image_url)
    if image_url:
        blocks.append(
            {"type": "paragraph", "value": format_html('<p><img src="{}" alt=""></p>', image_url)}
        )
    if item.content:
        blocks.append({"type": "paragraph", "value": sanitize_html(item.content)})
    if item.truncated:
        with translation.override(language):
            note = gettext(
                "This item was shortened: it is longer than %(limit)s characters. "
                "The full text is at the source."
            ) % {"limit": settings.SYNDICATION_ITEM_MAX_CHARS}
        blocks.append({"type": "paragraph", "value": format_html("<p><em>{}</em></p>", note)})
    return blocks


def land_items(subscription, items):
    """Land a batch of feed items in the subscriber's news section in one transaction: one
    news page per item (or the page already there with the same link) and its Delivery.
    Returns how many were delivered now; items delivered meanwhile are skipped."""
    index = subscription.news_index
    with transaction.atomic():
        # Whoever lands into this section waits here, so the check below stays true.
        lock_sections([index.pk])
        done = set(
            Delivery.objects.filter(subscription=subscription, item__in=items).values_list(
                "item_id", flat=True
            )
        )
        items = [item for item in items if item.pk not in done]
        links = [item.link for item in items if item.link]
        # The same story may already be in the section (another feed, an earlier copy).
        existing = dict(
            NewsPage.objects.child_of(index)
            .filter(source_url__in=links)
            .values_list("source_url", "pk")
        )
        # The site's own news coming back through someone else's feed is not imported.
        # (Feeds carry links percent-encoded, the index keeps Unicode slugs as they are.)
        own_urls = NewsEntry.objects.filter(
            site_id=subscription.site_id, url__in=links + [unquote(link) for link in links]
        ).values_list("url", flat=True)
        own = {safe_url(url) for url in own_urls} | set(own_urls)
        landings, landed_items = [], []
        language = index.locale.language_code
        for item in items:
            if item.link in existing:
                continue
            if item.link in own:
                existing[item.link] = None
                continue
            page = NewsPage(
                title=item.title or item.link[:255] or "—",
                slug=slug_base(item.title),
                date=item.published,
                summary=item.summary,
                body=_body_of(item, language),
                source_name=subscription.feed.name[:255],
                source_url=safe_url(item.link),
                locale=index.locale,
                live=subscription.publish,
            )
            landings.append(Landing(page=page, parent_id=index.pk, site_id=subscription.site_id))
            landed_items.append(item)
        for item, page in zip(landed_items, create_pages(landings, references=False), strict=True):
            existing[item.link or f"item:{item.pk}"] = page.pk
        Delivery.objects.bulk_create(
            [
                Delivery(
                    subscription=subscription,
                    item=item,
                    page_id=existing[item.link or f"item:{item.pk}"],
                )
                for item in items
            ]
        )
    return len(items)


def pending_items(subscription):
    return (
        FeedItem.objects.filter(feed_id=subscription.feed_id)
        .exclude(deliveries__subscription=subscription)
        .order_by("published", "pk")
    )


def deliver_pending(subscription):
    """Land every item of the subscription's feed not delivered yet, LAND_BATCH at a time.
    Each batch commits on its own: a worker killed in the middle loses at most the batch it
    was in, which the next run lands."""
    count = 0
    while True:
        batch = list(pending_items(subscription)[:LAND_BATCH])
        if not batch:
            return count
        count += land_items(subscription, batch)


def feed_subscriptions(feed):
    return Subscription.objects.filter(feed=feed, is_active=True).select_related(
        "feed", "news_index", "site"
    )
