"""Pull one external feed and land its new items in the subscribers' news.

Storing and landing are two idempotent steps. Items are stored with a unique key per feed
(GUID, and link), so a second import of the same document inserts nothing. Landing makes a
news page per subscription and item, recorded in `Delivery` (unique per subscription and
item) in the same transaction as the pages, a batch at a time (landing.py inserts a batch
with a fixed number of queries): a worker killed in a batch leaves that batch and the rest
for the next run, and nothing is landed twice."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sites.news.models import NewsPage

from . import fetcher, parser
from .errors import FeedError
from .landing import Landing, create_pages, lock_sections, slug_base
from .models import Delivery, Feed, FeedItem, Subscription, url_key

LAND_BATCH = 200  # items landed per transaction


def backoff_delay(feed):
    """Normal interval while the feed works; doubling with each error in a row, capped."""
    minutes = feed.interval_minutes * (2 ** min(feed.error_count, 10))
    return timedelta(minutes=min(minutes, settings.SYNDICATION_MAX_BACKOFF_MINUTES))


def _record_error(feed, error):
    feed.status = Feed.Status.ERROR
    feed.error_code = error.code
    feed.error_params = {key: str(value) for key, value in error.params.items()}
    feed.error_count += 1
    feed.next_fetch_at = timezone.now() + backoff_delay(feed)
    feed.save()


def store_items(feed, items):
    """Insert the items not seen before; returns how many were new."""
    rows, seen = [], set()
    for item in items:
        guid_key, link_key = url_key(item.guid or item.link or item.title), url_key(item.link)
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
    feed.error_count = 0
    feed.items_last_fetch = len(parsed.items)
    feed.items_new_last_fetch = new_count
    feed.last_success_at = now
    feed.next_fetch_at = now + backoff_delay(feed)
    feed.save()
    return new_count


def _body_of(item):
    blocks = []
    if item.image_url:
        blocks.append({"type": "paragraph", "value": f'<p><img src="{item.image_url}" alt=""></p>'})
    if item.content:
        blocks.append({"type": "paragraph", "value": item.content})
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
        # The same story may already be in the section (another feed, an earlier copy).
        existing = dict(
            NewsPage.objects.child_of(index)
            .filter(source_url__in=[item.link for item in items if item.link])
            .values_list("source_url", "pk")
        )
        landings, landed_items = [], []
        for item in items:
            if item.link in existing:
                continue
            page = NewsPage(
                title=item.title or item.link[:255],
                slug=slug_base(item.title),
                date=item.published,
                summary=item.summary,
                body=_body_of(item),
                source_name=subscription.feed.name[:255],
                source_url=item.link,
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
