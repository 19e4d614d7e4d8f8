"""What is searchable: page types with their result type, and content sources registered by
plugins and apps (see docs/search.md).

Apps register in their AppConfig.ready() (or in a ``search.py`` module, which search/ imports
for every installed app), so search/ never imports an app that may not exist::

    from search.registry import search_registry
    search_registry.register_page_type("sites_events.EventPage", kind="event",
                                       date_field="start")

Page types that nobody registered are found all the same, as type "page"."""

from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.utils.translation import gettext_lazy as _

# Result types and their labels; sources may add their own.
KIND_LABELS = {
    "page": _("Pages"),
    "news": _("News"),
    "event": _("Events"),
    "vacancy": _("Vacancies"),
    "gallery": _("Galleries"),
    "plugin": _("Services"),
}


@dataclass
class PageType:
    kind: str
    date_field: str | None = None


@dataclass
class SearchDocument:
    """What a source says about one object: where it belongs and what to show."""

    site_id: int
    language: str
    title: str
    text: str
    url: str
    date: datetime | None = None
    public: bool = True


@dataclass
class SearchSource:
    """Searchable content of a plugin or app.

    - ``name``: unique, short (it prefixes the entries' keys);
    - ``model``: "app_label.ModelName"; saves and deletes of it are indexed automatically;
    - ``document(obj)`` returns a SearchDocument, or None when the object must not be found;
    - ``can_view(user, obj)``: the permission hook for documents with ``public=False``: they
      are never shown to anonymous users, and to signed-in users only when it returns True;
    - ``plugin``: the plugin label: its content is found only on sites that enable it.
    """

    name: str
    model: str
    document: callable
    kind: str = "plugin"
    kind_label: str | None = None
    can_view: callable = field(default=lambda user, obj: False)
    plugin: str | None = None
    queryset: callable = None  # () -> the objects to index on a full rebuild

    def get_model(self):
        return apps.get_model(self.model)

    def get_queryset(self):
        if self.queryset is not None:
            return self.queryset()
        return self.get_model()._default_manager.all()


class SearchRegistry:
    def __init__(self):
        self._page_types = {}
        self._sources = {}

    def register_page_type(self, model, kind, date_field=None, label=None):
        """`model` is "app_label.ModelName" (resolved lazily) or a model class."""
        key = model if isinstance(model, str) else model._meta.label
        self._page_types[key.lower()] = PageType(kind=kind, date_field=date_field)
        if label is not None:
            KIND_LABELS.setdefault(kind, label)

    def page_type_for(self, page):
        """The registered type of a specific page, walking up its model's parents."""
        for klass in type(page).__mro__:
            meta = getattr(klass, "_meta", None)
            if meta is None or meta.abstract:
                continue
            found = self._page_types.get(meta.label_lower)
            if found:
                return found
        return PageType(kind="page")

    def register_source(self, source: SearchSource):
        if source.name == "page" or ":" in source.name:
            raise ValueError("A search source name must not be 'page' nor contain ':'.")
        self._sources[source.name] = source
        KIND_LABELS.setdefault(source.kind, source.kind_label or source.kind)
        from .signals import connect_source

        connect_source(source)

    def unregister_source(self, name):
        source = self._sources.pop(name, None)
        if source is not None:
            from .signals import disconnect_source

            disconnect_source(source)

    def source(self, name):
        return self._sources.get(name)

    def sources(self):
        return list(self._sources.values())

    def sources_for_model(self, model):
        return [s for s in self._sources.values() if s.get_model() is model]


search_registry = SearchRegistry()


def kind_label(kind):
    return KIND_LABELS.get(kind, kind)
