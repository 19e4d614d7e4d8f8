"""Pull one external feed and land its new items in the subscribers' news.

Storing and landing are two idempotent steps. Items are stored with a unique key per feed
(GUID, and link), so a second import of the same document inserts nothing. Landing makes a
news page per subscription and item, recorded in `Delivery` (unique per subscription and
item) in the same transaction as the page: a worker killed between two items leaves the rest
for the next run, and nothing is landed twice."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from wagtail.coreutils import find_available_slug

from sites.news.models import NewsPage

from . import fetcher, parser
from .errors import FeedError
from .models import Delivery, Feed, FeedItem, Subscription, url_key


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


def deliver_item(subscription, item):
    """Land one feed item in the subscriber's news section; idempotent."""
    if Delivery.objects.filter(subscription=subscription, item=item).exists():
        return None
    index = subscription.news_index
    duplicate = (
        NewsPage.objects.child_of(index).filter(source_url=item.link).first() if item.link else None
    )
    try:
        with transaction.atomic():
            page = duplicate
            if page is None:
                page = NewsPage(
                    title=item.title or item.link[:255],
                    slug=find_available_slug(index, _slug_for(item)),
                    date=item.published,
                    summary=item.summary,
                    body=_body_of(item),
                    source_name=subscription.feed.name[:255],
                    source_url=item.link,
                    locale_id=index.locale_id,
                    live=False,
                )
                index.add_child(instance=page)
                revision = page.save_revision()
                if subscription.publish:
                    revision.publish()
            return Delivery.objects.create(subscription=subscription, item=item, page=page)
    except IntegrityError:
        return None


def _slug_for(item):
    from django.utils.text import slugify

    return (slugify(item.title, allow_unicode=True)[:60] or "item").strip("-") or "item"


def pending_items(subscription):
    return (
        FeedItem.objects.filter(feed_id=subscription.feed_id)
        .exclude(deliveries__subscription=subscription)
        .order_by("published", "pk")
    )


def deliver_pending(subscription):
    count = 0
    for item in pending_items(subscription).iterator(chunk_size=200):
        if deliver_item(subscription, item) is not None:
            count += 1
    return count


def feed_subscriptions(feed):
    return Subscription.objects.filter(feed=feed, is_active=True).select_related(
        "feed", "news_index", "site"
    )
