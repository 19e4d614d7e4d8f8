"""The search service: one entry point for the views, two backends behind it.

Elasticsearch answers when ELASTICSEARCH_URL is set and the cluster responds; otherwise, or
when it fails mid-request, the database backend answers and the log says why. Either way the
results are limited to the scope's sites, the current language, and what the user may see:
public entries, plus non-public plugin content whose source's permission hook allows it."""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q

from . import elastic
from .analysis import analyze_query
from .models import SearchEntry
from .registry import kind_label, search_registry
from .scope import SearchScope

logger = logging.getLogger(__name__)

MAX_PRIVATE_CANDIDATES = 500


@dataclass
class SearchParams:
    text: str
    language: str
    scope: SearchScope
    user: object = None
    kind: str = ""
    year: int | None = None
    page: int = 1
    per_page: int = 10
    site: object = None  # the site searched from (plugin enablement)


@dataclass
class Hit:
    key: str
    title: str  # safe HTML, matches marked
    url: str
    kind: str
    kind_label: str
    date: datetime | None
    snippet: str  # safe HTML, matches marked
    site_id: int


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    params: SearchParams
    hits: list = field(default_factory=list)
    total: int = 0
    kinds: list = field(default_factory=list)
    years: list = field(default_factory=list)
    suggestion: str = ""
    backend: str = "database"
    capped: bool = False  # `total` is a lower bound (search.backends.database.MAX_CANDIDATES)

    @property
    def num_pages(self):
        return max(1, -(-self.total // self.params.per_page))

    @property
    def page(self):
        return min(self.params.page, self.num_pages)

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def has_previous(self):
        return self.page > 1


def visibility_q(params):
    """Public entries, plus private entries the user's permission hooks allow, minus content
    of plugins switched off on the site searched from."""
    condition = Q(public=True)
    user = params.user
    if user is not None and user.is_authenticated:
        allowed = allowed_private_keys(params)
        if allowed:
            condition |= Q(key__in=allowed)
    disabled = disabled_sources(params.site)
    if disabled:
        condition &= ~Q(source__in=disabled)
    return condition


def disabled_sources(site):
    from plugin_api.registry import plugin_registry

    if site is None:
        return []
    return [
        s.name
        for s in search_registry.sources()
        if s.plugin and not plugin_registry.is_enabled(s.plugin, site)
    ]


def allowed_private_keys(params):
    candidates = (
        SearchEntry.objects.filter(params.scope.q(), public=False, language=params.language)
        .values_list("key", "source")
        .order_by("-date")[:MAX_PRIVATE_CANDIDATES]
    )
    by_source = {}
    for key, source_name in candidates:
        by_source.setdefault(source_name, []).append(key)
    allowed = []
    for source_name, keys in by_source.items():
        source = search_registry.source(source_name)
        if source is None:
            continue
        objects = source.get_queryset().in_bulk([k.split(":", 1)[1] for k in keys])
        for key in keys:
            obj = objects.get(_pk_value(source, key.split(":", 1)[1]))
            if obj is not None and source.can_view(params.user, obj):
                allowed.append(key)
    return allowed


def _pk_value(source, raw):
    return source.get_model()._meta.pk.to_python(raw)


def local_url(url, site_id, params):
    """Links to the site searched from stay relative; other schools' keep their host."""
    site = params.site
    if site is not None and site_id == site.pk:
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return url


def search(params: SearchParams) -> SearchResults:
    analyzed = analyze_query(params.text, params.language)
    if not analyzed:
        return SearchResults(params=params)
    if elastic.is_configured():
        from .backends.elasticsearch import ElasticsearchBackend

        try:
            return ElasticsearchBackend().search(params, analyzed)
        except elastic.ELASTIC_ERRORS as error:
            logger.warning(
                "Elasticsearch at %s failed (%s); answering from the database backend.",
                settings.ELASTICSEARCH_URL,
                error,
            )
    from .backends.database import DatabaseBackend

    return DatabaseBackend().search(params, analyzed)


def facets(counts, selected, labeler):
    return [
        Facet(value=str(value), label=str(labeler(value)), count=count, selected=selected == value)
        for value, count in counts
        if value is not None
    ]


def kind_facets(counts, selected):
    return facets(sorted(counts, key=lambda vc: -vc[1]), selected, kind_label)


def year_facets(counts, selected):
    return facets(sorted(counts, key=lambda vc: -(vc[0] or 0)), selected, str)
