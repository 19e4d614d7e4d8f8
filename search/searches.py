"""Elasticsearch queries: one Search class per indexed domain, each owning its query,
filters, facets, highlighting and suggestions (search.service turns responses into hits).

User text only ever goes into ``multi_match`` queries, never ``query_string``, so Lucene
syntax typed by a visitor is just text."""

from elasticsearch.dsl import Q, Search

from .analysis import MAX_QUERY_CHARS
from .documents import ContentDocument, PageDocument
from .transliteration import has_latin, latin_to_cyrillic


class EntrySearch:
    documents = (PageDocument, ContentDocument)

    def __init__(
        self,
        *,
        text,
        language,
        scope,
        kind="",
        year=None,
        private_keys=(),
        excluded_sources=(),
        page=1,
        per_page=10,
    ):
        self.text = (text or "")[:MAX_QUERY_CHARS]
        self.language = language
        self.scope = scope
        self.kind = kind
        self.year = year
        self.private_keys = list(private_keys)
        self.excluded_sources = list(excluded_sources)
        self.page = max(1, page)
        self.per_page = per_page

    def index_names(self):
        return [document._index._name for document in self.documents]

    def text_query(self):
        lang = self.language if self.language in ("kk", "ru", "en") else "kk"
        fields = [f"title.{lang}^3", f"text.{lang}"]
        if lang == "kk":
            fields += ["title.kk_folded^2", "text.kk_folded"]
        query = Q(
            "multi_match", query=self.text, fields=fields, operator="and", type="cross_fields"
        )
        if lang == "kk" and has_latin(self.text):
            query |= Q(
                "multi_match",
                query=latin_to_cyrillic(self.text),
                fields=["title.kk_folded^2", "text.kk_folded"],
                operator="and",
                type="cross_fields",
            )
        return query

    def scope_filter(self):
        if self.scope.everything:
            return None
        should = [Q("term", site_id=self.scope.site_id)]
        if self.scope.region_id is not None:
            should.append(Q("term", region_id=self.scope.region_id))
        if self.scope.district_id is not None:
            should.append(Q("term", district_id=self.scope.district_id))
        return Q("bool", should=should, minimum_should_match=1)

    def visibility_filter(self):
        should = [Q("term", public=True)]
        if self.private_keys:
            should.append(Q("terms", key=self.private_keys))
        return Q("bool", should=should, minimum_should_match=1)

    def search(self):
        search = Search(index=self.index_names()).query(self.text_query())
        search = search.filter("term", language=self.language).filter(self.visibility_filter())
        scope = self.scope_filter()
        if scope is not None:
            search = search.filter(scope)
        if self.excluded_sources:
            search = search.exclude("terms", source=self.excluded_sources)
        # Facets count without their own selection (post_filter applies it to hits only).
        post = []
        if self.kind:
            post.append(Q("term", kind=self.kind))
        if self.year:
            post.append(Q("term", year=self.year))
        if post:
            search = search.post_filter(Q("bool", filter=post))
        kind_aggs = Q("term", year=self.year) if self.year else Q("match_all")
        year_aggs = Q("term", kind=self.kind) if self.kind else Q("match_all")
        search.aggs.bucket("kinds", "filter", filter=kind_aggs).bucket(
            "values", "terms", field="kind", size=20
        )
        search.aggs.bucket("years", "filter", filter=year_aggs).bucket(
            "values", "terms", field="year", size=50
        )
        lang = self.language if self.language in ("kk", "ru", "en") else "kk"
        search = (
            search.highlight_options(
                encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], number_of_fragments=1
            )
            .highlight(f"title.{lang}", number_of_fragments=0)
            .highlight(f"text.{lang}", fragment_size=240, no_match_size=240)
        )
        search = search.suggest("did_you_mean", self.text, term={"field": "title"})
        start = (self.page - 1) * self.per_page
        return search[start : start + self.per_page]


class PageSearch(EntrySearch):
    documents = (PageDocument,)


class ContentSearch(EntrySearch):
    documents = (ContentDocument,)
