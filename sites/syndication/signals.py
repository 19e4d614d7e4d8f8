"""Keep the news index, linked copies, subscribers and webhook receivers up to date when news
is published, unpublished or moved. Work beyond the index row goes to Celery after commit."""

from django.db import transaction
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished, post_page_move

from sites.news.models import NewsPage

from .aggregation import index_news_page, remove_news_page
from .republish import unpublish_linked_copies


@receiver(page_published, sender=NewsPage)
def news_published(sender, instance, revision=None, **kwargs):
    entry = index_news_page(instance)
    if entry is None or not entry.is_original:
        return  # copies and imported items are not passed on again (no loops)
    from .tasks import syndicate_page

    event_key = f"{instance.pk}:{revision.pk if revision else instance.latest_revision_id}"
    page_id = instance.pk
    transaction.on_commit(lambda: syndicate_page.delay(page_id, event_key))


@receiver(page_unpublished, sender=NewsPage)
def news_unpublished(sender, instance, **kwargs):
    remove_news_page(instance)
    unpublish_linked_copies(instance)


@receiver(post_page_move)
def news_moved(sender, instance, **kwargs):
    if isinstance(instance.specific, NewsPage) and instance.live:
        index_news_page(instance)
