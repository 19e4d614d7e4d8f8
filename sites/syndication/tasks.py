"""Celery tasks of the news exchange. Every task is idempotent (unique keys in the database
decide what is already done) and acknowledged late, so a retried or redelivered message, or a
worker killed mid-task, neither loses nor duplicates anything."""

from django.core.cache import cache
from django.utils import timezone

from celery import shared_task

from .models import Feed, NewsEntry, Subscription, WebhookDelivery

TASK_OPTIONS = {"acks_late": True, "reject_on_worker_lost": True}
FANOUT_CHUNK = 50  # subscribers per task: workers share a large fan-out
FEED_LOCK = "mektep:syndication:feed-lock:{feed_id}"


@shared_task(**TASK_OPTIONS)
def fetch_due_feeds():
    """Beat entry point: one task per due feed, so a slow or failing feed blocks no other."""
    due = Feed.objects.filter(is_active=True, next_fetch_at__lte=timezone.now())
    ids = list(due.values_list("pk", flat=True))
    for feed_id in ids:
        fetch_feed.delay(feed_id)
    return len(ids)


@shared_task(**TASK_OPTIONS)
def fetch_feed(feed_id):
    from .importer import feed_subscriptions, import_feed

    feed = Feed.objects.filter(pk=feed_id, is_active=True).first()
    if feed is None:
        return 0
    lock = FEED_LOCK.format(feed_id=feed_id)
    if not cache.add(lock, 1, timeout=600):
        return 0  # the same feed is being fetched by another worker right now
    try:
        new_count = import_feed(feed)
    finally:
        cache.delete(lock)
    # Landing runs even when nothing is new: it finishes what an interrupted run left.
    for subscription_id in feed_subscriptions(feed).values_list("pk", flat=True):
        deliver_feed_subscription.delay(subscription_id)
    return new_count


@shared_task(**TASK_OPTIONS)
def deliver_feed_subscription(subscription_id):
    from .importer import deliver_pending

    subscription = (
        Subscription.objects.filter(pk=subscription_id, is_active=True, feed__isnull=False)
        .select_related("feed", "news_index")
        .first()
    )
    return deliver_pending(subscription) if subscription else 0


@shared_task(**TASK_OPTIONS)
def syndicate_page(page_id, event_key):
    """After an original news page is published: update linked copies, land it with the
    source site's subscribers (in chunks, so workers share a large fan-out), push webhooks."""
    from schools.visibility import is_publicly_visible, public_q
    from sites.news.models import NewsPage

    from .republish import sync_linked_copies, unpublish_linked_copies
    from .webhooks import queue_deliveries

    page = NewsPage.objects.filter(pk=page_id).live().first()
    if page is None:
        return 0
    if not is_publicly_visible(page):
        # Restricted meanwhile (or behind a restriction from the start): nothing goes out,
        # and copies made while it was public leave the air with it.
        unpublish_linked_copies(page)
        return 0
    sync_linked_copies(page)
    site = page.get_site()
    subscription_ids = list(
        Subscription.objects.filter(source_site=site, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(subscription_ids), FANOUT_CHUNK):
        deliver_to_subscribers.delay(page_id, subscription_ids[start : start + FANOUT_CHUNK])
    entry = (
        NewsEntry.objects.filter(public_q("page__"), page_id=page_id).select_related("site").first()
    )
    if entry is not None:
        for delivery_id in queue_deliveries(entry, event_key):
            deliver_webhook.delay(delivery_id)
    return len(subscription_ids)


@shared_task(**TASK_OPTIONS)
def deliver_to_subscribers(page_id, subscription_ids):
    """Land one news page as linked copies on a chunk of subscribers' sites (one batch)."""
    from schools.visibility import public_q
    from sites.news.models import NewsPage

    from .models import Republication
    from .republish import Target, republish_to

    page = NewsPage.objects.filter(public_q(), pk=page_id).select_related("locale").first()
    if page is None:
        return 0
    subscriptions = Subscription.objects.filter(
        pk__in=subscription_ids, is_active=True
    ).select_related("news_index")
    targets = [
        Target(s.news_index, s.site_id, publish=s.publish, subscription=s) for s in subscriptions
    ]
    return len(republish_to(page, targets, mode=Republication.Mode.LINKED))


@shared_task(**TASK_OPTIONS)
def index_landed_pages(page_ids, references=True):
    """What page signals would have done for pages landed or changed in bulk (landing.py):
    Wagtail's search index and reference index (unless the content cannot refer to
    platform objects), and the site search (search/). Each step recomputes from the pages'
    current state, so a repeated task changes nothing."""
    from wagtail.models import ReferenceIndex
    from wagtail.search.backends import get_search_backends

    from search.indexing import index_page
    from sites.news.models import NewsPage

    pages = list(NewsPage.objects.filter(pk__in=page_ids))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(NewsPage, pages)
    for page in pages:
        if references:
            ReferenceIndex.create_or_update_for_object(page)
        index_page(page.pk)
    return len(pages)


@shared_task(bind=True, max_retries=8, **TASK_OPTIONS)
def deliver_webhook(self, delivery_id):
    from schools.visibility import public_q

    from .webhooks import post

    delivery = WebhookDelivery.objects.filter(pk=delivery_id).select_related("endpoint").first()
    if delivery is None or delivery.status == WebhookDelivery.Status.DELIVERED:
        return True
    if not NewsEntry.objects.filter(
        public_q("page__"), page_id=delivery.payload.get("id")
    ).exists():
        # Unpublished or restricted since it was queued: a retry must not send it out now.
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.last_error = "not public"
        delivery.save(update_fields=["status", "last_error"])
        return False
    if post(delivery):
        return True
    if self.request.retries >= self.max_retries:
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.save(update_fields=["status"])
        return False
    # Exponential back-off: 30 s, 1 min, 2 min ... about 2 hours at the last try.
    raise self.retry(countdown=30 * 2**self.request.retries)
