"""Elasticsearch plumbing: the connection, keeping documents in step with search entries,
bulk indexing and health. Nothing here runs unless ELASTICSEARCH_URL is set."""

import contextlib
import logging

from django.conf import settings
from django.db import transaction

from elasticsearch import ApiError, TransportError
from elasticsearch.dsl import connections
from elasticsearch.helpers import bulk

logger = logging.getLogger(__name__)

# What "Elasticsearch is unreachable or unhappy" looks like to the client.
ELASTIC_ERRORS = (TransportError, ApiError, OSError)
CONNECTION_ALIAS = "mektep"


def is_configured():
    return bool(settings.ELASTICSEARCH_URL)


def client():
    try:
        return connections.get_connection(CONNECTION_ALIAS)
    except KeyError:
        return connections.create_connection(
            alias=CONNECTION_ALIAS,
            hosts=[settings.ELASTICSEARCH_URL],
            request_timeout=settings.SEARCH_ELASTICSEARCH_TIMEOUT,
            max_retries=0,
        )


def reset_client():
    """Forget the connection (tests and settings changes)."""
    with contextlib.suppress(KeyError):
        connections.remove_connection(CONNECTION_ALIAS)


def index_keys_later(keys):
    if is_configured() and keys:
        from .tasks import sync_elasticsearch

        keys = list(keys)
        # robust: the database index is already committed and serves search; a cluster or
        # broker that is down must not turn a publish into an error (the task retries in
        # the worker, search_rebuild --elasticsearch-only catches up). Django logs the error.
        transaction.on_commit(lambda: sync_elasticsearch.delay(keys), robust=True)


remove_keys_later = index_keys_later  # the sync task deletes what no longer has an entry


def ensure_indexes():
    from .documents import DOCUMENTS

    for document in DOCUMENTS:
        document.init(using=client())


def sync_keys(keys):
    """Write the current entries of `keys` to Elasticsearch and delete the others."""
    from .documents import document_class_for
    from .models import SearchEntry

    entries = {e.key: e for e in SearchEntry.objects.filter(key__in=list(keys))}
    actions = []
    for key in keys:
        entry = entries.get(key)
        if entry is not None:
            doc = document_class_for(entry.source).from_entry(entry)
            actions.append(doc.to_dict(include_meta=True))
        else:
            source = key.split(":", 1)[0]
            index = document_class_for(source)._index._name
            actions.append({"_op_type": "delete", "_index": index, "_id": key})
    bulk(client(), actions, raise_on_error=False, raise_on_exception=True)
    return len(actions)


def bulk_index(entries, progress=None, chunk_size=500):
    """Index many entries (search_rebuild), reporting progress every chunk."""
    from .documents import document_class_for

    done = 0
    batch = []
    for entry in entries:
        batch.append(document_class_for(entry.source).from_entry(entry).to_dict(include_meta=True))
        if len(batch) >= chunk_size:
            bulk(client(), batch)
            done += len(batch)
            batch = []
            if progress:
                progress("elasticsearch", done, None)
    if batch:
        bulk(client(), batch)
        done += len(batch)
        if progress:
            progress("elasticsearch", done, None)
    return done


def health():
    """A list of (check, ok, detail) rows."""
    from .documents import DOCUMENTS

    if not is_configured():
        return [("elasticsearch", True, "not configured: the database backend serves search")]
    rows = []
    try:
        info = client().info()
        rows.append(("cluster", True, f"{info['cluster_name']} {info['version']['number']}"))
        for document in DOCUMENTS:
            name = document._index._name
            if client().indices.exists(index=name):
                count = client().count(index=name)["count"]
                rows.append((name, True, f"{count} documents"))
            else:
                rows.append((name, False, "missing: run manage.py search_rebuild"))
    except ELASTIC_ERRORS as error:
        rows.append(("cluster", False, f"unreachable: {error}"))
    return rows
