"""The Elasticsearch backend: runs search.searches.EntrySearch and turns the response into
the service's results."""

from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .. import elastic
from ..highlight import mark_title, snippet
from ..registry import kind_label
from ..searches import EntrySearch
from ..service import (
    Hit,
    SearchResults,
    allowed_private_keys,
    disabled_sources,
    kind_facets,
    local_url,
    year_facets,
)


class ElasticsearchBackend:
    name = "elasticsearch"

    def build(self, params):
        user = params.user
        private = allowed_private_keys(params) if user is not None and user.is_authenticated else ()
        return EntrySearch(
            text=params.text,
            language=params.language,
            scope=params.scope,
            kind=params.kind,
            year=params.year,
            private_keys=private,
            excluded_sources=disabled_sources(params.site),
            page=params.page,
            per_page=params.per_page,
        )

    def search(self, params, analyzed):
        response = self.build(params).search().using(elastic.client()).execute()
        results = SearchResults(params=params, backend=self.name)
        results.total = response.hits.total.value
        terms = analyzed.highlight_terms
        lang = params.language
        for hit in response:
            highlight = getattr(hit.meta, "highlight", None)
            titles = getattr(highlight, f"title.{lang}", None) if highlight else None
            texts = getattr(highlight, f"text.{lang}", None) if highlight else None
            date = parse_datetime(hit.date) if isinstance(hit.date, str) else hit.date
            results.hits.append(
                Hit(
                    key=hit.key,
                    # Elasticsearch escaped the text (encoder=html) before adding <mark>.
                    title=mark_safe(titles[0]) if titles else mark_title(hit.title, lang, terms),  # noqa: S308
                    url=local_url(hit.url, hit.site_id, params),
                    kind=hit.kind,
                    kind_label=str(kind_label(hit.kind)),
                    date=date,
                    snippet=mark_safe(texts[0]) if texts else snippet(hit.text, lang, terms),  # noqa: S308
                    site_id=hit.site_id,
                )
            )
        aggs = response.aggregations
        results.kinds = kind_facets(
            [(b.key, b.doc_count) for b in aggs.kinds.values.buckets], params.kind
        )
        results.years = year_facets(
            [(b.key, b.doc_count) for b in aggs.years.values.buckets], params.year
        )
        if results.total == 0:
            words = []
            for suggestion in response.suggest.did_you_mean:
                options = suggestion.options
                words.append(options[0].text if options else suggestion.text)
            suggestion = " ".join(words)
            if suggestion.lower() != params.text.lower():
                results.suggestion = escape(suggestion)
        return results
