"""Indexing tasks. Each recomputes from the database's current state, so a retried, repeated
or late task leaves the same index (acks_late comes from the project's Celery settings)."""

from django.db import OperationalError

from celery import shared_task

from . import elastic, indexing

RETRY = {
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 5,
    "acks_late": True,
}


@shared_task(**RETRY)
def index_page(page_id):
    entry = indexing.index_page(page_id)
    return entry.key if entry else None


@shared_task(**RETRY)
def index_subtree(page_id):
    return indexing.index_subtree(page_id)


@shared_task(**RETRY)
def remove_page(page_id):
    indexing.remove_keys([indexing.page_key(page_id)])


@shared_task(**RETRY)
def index_object(source_name, pk):
    entry = indexing.index_object(source_name, pk)
    return entry.key if entry else None


@shared_task(
    autoretry_for=elastic.ELASTIC_ERRORS,
    retry_backoff=True,
    max_retries=8,
    acks_late=True,
)
def sync_elasticsearch(keys):
    if not elastic.is_configured():
        return 0
    return elastic.sync_keys(keys)
