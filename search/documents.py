"""Elasticsearch documents: one Document class per indexed domain (pages; plugin content),
with the platform's analyzers.

Elasticsearch ships Russian and English analyzers but none for Kazakh, so ``kazakh`` is built
from its building blocks: the standard tokenizer, lowercase, a Kazakh stop-word list and the
suffix rules of search.stemmers.kazakh as ``pattern_replace`` token filters (the same regular
expressions the database backend runs in Python). ``kazakh_folded`` adds the letter folding
that lets informal Latin-script typing match (search.analysis.fold).

Index names carry SEARCH_INDEX_PREFIX so that environments sharing a cluster never meet."""

from django.conf import settings

from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Integer,
    Keyword,
    Text,
    analyzer,
    token_filter,
)

from .analysis import FOLD
from .stemmers import kazakh
from .stopwords import KAZAKH

kazakh_stop = token_filter("kazakh_stop", "stop", stopwords=sorted(KAZAKH))
kazakh_suffixes = [
    token_filter(f"kazakh_suffix_{number}", "pattern_replace", pattern=pattern, replacement=repl)
    for number, (pattern, repl) in enumerate(kazakh.elasticsearch_rules(), start=1)
]
kazakh_fold = [
    token_filter(f"kazakh_fold_{ord(letter)}", "pattern_replace", pattern=letter, replacement=plain)
    for letter, plain in ((chr(k), v) for k, v in FOLD.items())
]

kazakh_analyzer = analyzer(
    "kazakh",
    tokenizer="standard",
    filter=["lowercase", kazakh_stop, *kazakh_suffixes],
)
kazakh_folded_analyzer = analyzer(
    "kazakh_folded",
    tokenizer="standard",
    filter=["lowercase", kazakh_stop, *kazakh_suffixes, *kazakh_fold],
)

LANGUAGE_ANALYZERS = {"kk": "kazakh", "ru": "russian", "en": "english"}


def multilingual_text():
    """Stored once, analysed per language; a query uses the subfield of its language."""
    return Text(
        analyzer="standard",
        fields={
            "kk": Text(analyzer=kazakh_analyzer),
            "kk_folded": Text(analyzer=kazakh_folded_analyzer),
            "ru": Text(analyzer="russian"),
            "en": Text(analyzer="english"),
        },
    )


def index_name(domain):
    return f"{settings.SEARCH_INDEX_PREFIX}-{domain}"


class SearchEntryDocument(Document):
    """Fields shared by the domains; a document mirrors one search.models.SearchEntry."""

    key = Keyword()
    source = Keyword()
    kind = Keyword()
    language = Keyword()
    site_id = Integer()
    region_id = Integer()
    district_id = Integer()
    public = Boolean()
    date = Date()
    year = Integer()
    url = Keyword(index=False)
    title = multilingual_text()
    text = multilingual_text()

    @classmethod
    def from_entry(cls, entry):
        return cls(
            meta={"id": entry.key},
            key=entry.key,
            source=entry.source,
            kind=entry.kind,
            language=entry.language,
            site_id=entry.site_id,
            region_id=entry.region_id,
            district_id=entry.district_id,
            public=entry.public,
            date=entry.date,
            year=entry.year,
            url=entry.url,
            title=entry.display_title,
            text=entry.display_text,
        )


class PageDocument(SearchEntryDocument):
    """Wagtail pages of every type (pages, news, events, vacancies, galleries, ...)."""

    class Index:
        name = index_name("pages")
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


class ContentDocument(SearchEntryDocument):
    """Content that plugins and apps register through search.registry."""

    class Index:
        name = index_name("content")
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


DOCUMENTS = [PageDocument, ContentDocument]


def document_class_for(entry_source):
    return PageDocument if entry_source == "page" else ContentDocument
