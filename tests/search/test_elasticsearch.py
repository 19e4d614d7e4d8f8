"""Elasticsearch: mapping and query JSON (no cluster needed), the fallback to the database
when the cluster is unreachable, and live tests that run only when ELASTICSEARCH_URL is set."""

import json
import logging
import os
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

from django.core.management import call_command

import pytest

from search import elastic
from search.documents import ContentDocument, PageDocument
from search.scope import SearchScope
from search.searches import EntrySearch, PageSearch
from search.stemmers import kazakh

from .conftest import find


def test_index_names_carry_the_environment_prefix(settings):
    assert PageDocument._index._name == f"{settings.SEARCH_INDEX_PREFIX}-pages"
    assert ContentDocument._index._name == f"{settings.SEARCH_INDEX_PREFIX}-content"


def test_mapping_has_language_analyzers_and_a_kazakh_analyzer():
    index = PageDocument._index.to_dict()
    analysis = index["settings"]["analysis"]
    kk = analysis["analyzer"]["kazakh"]
    assert kk["tokenizer"] == "standard"
    assert kk["filter"][:2] == ["lowercase", "kazakh_stop"]
    assert "мектеп" not in analysis["filter"]["kazakh_stop"]["stopwords"]
    assert "және" in analysis["filter"]["kazakh_stop"]["stopwords"]
    suffix = analysis["filter"]["kazakh_suffix_1"]
    assert suffix["type"] == "pattern_replace" and "лар" in suffix["pattern"]
    title = index["mappings"]["properties"]["title"]
    assert title["fields"]["ru"]["analyzer"] == "russian"
    assert title["fields"]["en"]["analyzer"] == "english"
    assert title["fields"]["kk"]["analyzer"] == "kazakh"
    assert title["fields"]["kk_folded"]["analyzer"] == "kazakh_folded"
    assert index["mappings"]["properties"]["site_id"] == {"type": "integer"}


def _java_replace(pattern, replacement, word):
    """Java's Matcher.replaceAll: $n is group n, empty when the group did not take part."""

    def expand(match):
        return re.sub(r"\$(\d)", lambda g: match.group(int(g.group(1))) or "", replacement)

    return re.sub(pattern, expand, word)


@pytest.mark.parametrize(
    "word", ["мектептеріміздің", "оқушыларға", "мектебі", "жаңалығы", "олимпиадасы", "білім"]
)
def test_elasticsearch_rules_stem_like_python(word):
    """The pattern_replace chain given to Elasticsearch yields the Python stemmer's stem."""
    stemmed = word
    for pattern, replacement in kazakh.elasticsearch_rules():
        stemmed = _java_replace(pattern, replacement, stemmed)
    assert stemmed == kazakh.stem(word)


def test_search_json_scopes_filters_highlights_and_never_parses_user_syntax():
    search = EntrySearch(
        text='title:мектеп AND "x" OR *',
        language="kk",
        scope=SearchScope(site_id=7, region_id=3),
        kind="news",
        year=2025,
        page=2,
        per_page=10,
    ).search()
    body = search.to_dict()
    text = str(body)
    assert "query_string" not in text
    assert "'fields': ['title.kk^3', 'text.kk', 'title.kk_folded^2', 'text.kk_folded']" in text
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"language": "kk"}} in filters
    assert any("should" in f.get("bool", {}) and {"term": {"region_id": 3}} in f["bool"]["should"]
               for f in filters)  # fmt: skip
    assert body["post_filter"]["bool"]["filter"] == [
        {"term": {"kind": "news"}},
        {"term": {"year": 2025}},
    ]
    assert body["highlight"]["encoder"] == "html"
    assert body["from"] == 10 and body["size"] == 10
    assert "did_you_mean" in body["suggest"]
    assert PageSearch(
        text="x", language="ru", scope=SearchScope(everything=True)
    ).search()._index == [PageDocument._index._name]


def test_latin_kazakh_adds_a_transliterated_query():
    body = EntrySearch(text="mektepter", language="kk", scope=SearchScope(site_id=1)).search()
    assert "мектептер" in str(body.to_dict())


@pytest.fixture
def unreachable_elasticsearch(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port now: connections are refused at once.
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.SEARCH_ELASTICSEARCH_TIMEOUT = 1
    elastic.reset_client()
    yield
    elastic.reset_client()


class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def test_unreachable_elasticsearch_falls_back_to_the_database(
    client, school_a, make_page, unreachable_elasticsearch
):
    # Publishing while the cluster is down succeeds: the database entry is written and the
    # Elasticsearch sync (a task that fails here) does not turn the publish into an error.
    make_page(school_a, "kk", "Кітапхана", "Кітапхана жұмыс уақыты.")
    handler = ListHandler()
    logger = logging.getLogger("search.service")
    logger.addHandler(handler)
    try:
        response, titles = find(client, school_a, "кітапханаға")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 200
    assert titles == ["Кітапхана"]
    assert response.context["results"].backend == "database"
    assert any("answering from the database" in m for m in handler.messages)


class RecordingCluster(BaseHTTPRequestHandler):
    """A local HTTP server that answers the few calls indexing makes (index exists? create
    index, _bulk) the way Elasticsearch 8 does, and records every bulk action it receives.
    It proves what our code sends; what Elasticsearch does with it is the live tests' job."""

    actions = []  # (operation, index, id, source or None), replaced per test

    def log_message(self, *args):
        pass

    def reply(self, status, body=None):
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()

    def do_HEAD(self):  # does the index exist? Not yet.
        self.reply(404)

    def do_PUT(self):  # create an index, or a bulk request (the client sends it with PUT)
        if self.path.split("?")[0].endswith("/_bulk"):
            self.bulk()
        else:
            self.body()
            self.reply(200, {"acknowledged": True, "index": self.path.strip("/")})

    do_POST = do_PUT

    def bulk(self):
        lines = [json.loads(line) for line in self.body().splitlines() if line.strip()]
        items = []
        while lines:
            ((operation, meta),) = lines.pop(0).items()
            source = lines.pop(0) if operation in ("index", "create") else None
            self.actions.append((operation, meta["_index"], meta["_id"], source))
            items.append({operation: {"_index": meta["_index"], "_id": meta["_id"], "status": 200}})
        self.reply(200, {"took": 1, "errors": False, "items": items})


@pytest.fixture
def recording_cluster(settings):
    RecordingCluster.actions = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordingCluster)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.server_address[1]}"
    elastic.reset_client()
    yield RecordingCluster.actions
    elastic.reset_client()
    server.shutdown()
    server.server_close()


def test_publish_unpublish_move_and_delete_reach_elasticsearch(
    school_a, school_b, make_page, recording_cluster, django_capture_on_commit_callbacks
):
    pages_index = PageDocument._index._name
    page = make_page(school_a, "kk", "Кітапхана", "Кітапхана жұмыс уақыты.")
    key = f"page:{page.pk}"
    operation, index, doc_id, source = recording_cluster[-1]
    assert (operation, index, doc_id) == ("index", pages_index, key)
    assert source["title"] == "Кітапхана" and source["site_id"] == school_a.site_id
    assert source["language"] == "kk" and source["public"] is True

    with django_capture_on_commit_callbacks(execute=True):
        page.move(school_b.site.root_page, pos="last-child")
    operation, _index, doc_id, source = recording_cluster[-1]
    assert (operation, doc_id, source["site_id"]) == ("index", key, school_b.site_id)

    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.unpublish()
    assert recording_cluster[-1] == ("delete", pages_index, key, None)

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert recording_cluster[-1][:3] == ("index", pages_index, key)
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert recording_cluster[-1] == ("delete", pages_index, key, None)


def test_search_rebuild_bulk_loads_elasticsearch_with_progress(
    school_a, make_page, recording_cluster
):
    make_page(school_a, "kk", "Кітапхана", "Кітапхана жұмыс уақыты.")
    make_page(school_a, "ru", "Библиотека", "Время работы библиотеки.")
    recording_cluster.clear()
    out = StringIO()
    call_command("search_rebuild", "--elasticsearch-only", stdout=out)
    assert "elasticsearch: 2" in out.getvalue() and "2 documents sent." in out.getvalue()
    assert sorted(source["title"] for _op, _index, _id, source in recording_cluster) == [
        "Библиотека",
        "Кітапхана",
    ]


live = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason=(
        "ELASTICSEARCH_URL is not set: no Elasticsearch cluster on this machine "
        "(none can be installed here: no Docker, no package)"
    ),
)


@live
def test_live_cluster_indexes_and_finds_inflected_kazakh(
    client, school_a, make_page, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    elastic.reset_client()
    elastic.ensure_indexes()
    make_page(school_a, "kk", "Мектеп кітапханасы", "Кітапханада оқулықтар бар.")
    elastic.client().indices.refresh(index="_all")
    response, titles = find(client, school_a, "кітапханаға")
    assert response.context["results"].backend == "elasticsearch"
    assert titles == ["Мектеп кітапханасы"]
