"""Keep the news index, linked copies, subscribers and webhook receivers up to date when news
is published, unpublished or moved. Work beyond the index row goes to Celery after commit."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from sites.news.models import NewsPage

from .aggregation import bump_site_versions, index_news_page, portals_showing, remove_news_page
from .models import NewsEntry
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


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, **kwargs):
    """A restriction added (or removed) above published news changes what the feeds, the API
    and the portals may show: they read the visibility rule at request time, but their
    cached answers must go, and copies republished while the news was public must follow
    it off the air."""
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if page is None:
        return  # the page itself is being deleted: its entries go with it
    entries = list(NewsEntry.objects.filter(page__path__startswith=page.path))
    site_ids = {entry.site_id for entry in entries}
    for entry in entries:
        site_ids.update(portals_showing(entry).values_list("site_id", flat=True))
    bump_site_versions(site_ids)
    if kwargs.get("signal") is post_save:
        for news in NewsPage.objects.filter(path__startswith=page.path, live=True):
            unpublish_linked_copies(news)
