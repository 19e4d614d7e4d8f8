"""Index on Wagtail's page signals and on saves and deletes of registered sources.

The work happens in Celery tasks after the transaction commits, so a rolled-back publish
indexes nothing and the editor never waits for the index."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move


def _later(task, *args):
    transaction.on_commit(lambda: task.delay(*args))


def on_page_published(sender, instance, **kwargs):
    from . import tasks
    from .models import SearchEntry

    # A changed slug moves the URLs of the whole subtree.
    entry = SearchEntry.objects.filter(key=f"page:{instance.pk}").only("url").first()
    url_parts = instance.get_url_parts()
    new_url = f"{url_parts[1]}{url_parts[2]}" if url_parts else None
    moved = entry is not None and entry.url != new_url and instance.numchild
    _later(tasks.index_subtree if moved else tasks.index_page, instance.pk)


def on_page_unpublished(sender, instance, **kwargs):
    from . import tasks

    _later(tasks.index_subtree, instance.pk)


def on_page_moved(sender, instance, **kwargs):
    from . import tasks

    _later(tasks.index_subtree, instance.pk)


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        from . import tasks

        _later(tasks.remove_page, instance.pk)


def on_view_restriction_changed(sender, instance, **kwargs):
    from . import tasks

    _later(tasks.index_subtree, instance.page_id)


def connect():
    page_published.connect(on_page_published, dispatch_uid="mektep_search_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="mektep_search_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="mektep_search_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="mektep_search_page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"mektep_search_restriction_{id(signal)}",
        )


def _on_source_changed(source_name, sender, instance, **kwargs):
    from . import tasks

    _later(tasks.index_object, source_name, instance.pk)


_source_receivers = {}


def connect_source(source):
    receiver = partial(_on_source_changed, source.name)
    _source_receivers[source.name] = receiver
    model = source.get_model()
    for signal in (post_save, post_delete):
        signal.connect(receiver, sender=model, weak=False, dispatch_uid=f"search:{source.name}")


def disconnect_source(source):
    model = source.get_model()
    for signal in (post_save, post_delete):
        signal.disconnect(sender=model, dispatch_uid=f"search:{source.name}")
    _source_receivers.pop(source.name, None)
