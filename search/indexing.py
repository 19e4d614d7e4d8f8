"""Build and remove search entries (search.models.SearchEntry) from pages and sources.

Everything here reads the current state of the database and writes the matching entry, so
running it twice, late or out of order gives the same result: the Celery tasks that call it
(search.tasks) are safe to retry."""

import html
import re

from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.models import Page
from wagtail.search import index

from schools.visibility import is_publicly_visible

from . import elastic
from .analysis import index_terms, tokens
from .models import SearchEntry, SearchWord
from .registry import SearchDocument, search_registry

MAX_TEXT_CHARS = 20_000
_space_re = re.compile(r"\s+")


def page_key(page_id):
    return f"page:{page_id}"


def plain_text(value):
    text = html.unescape(strip_tags(str(value)))
    return _space_re.sub(" ", text).strip()


def _flatten(value):
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from _flatten(item)
    elif value is not None:
        yield plain_text(value)


def _field_text(page, search_field):
    # Wagtail's SearchField already turns rich text and StreamField into searchable strings.
    return " ".join(part for part in _flatten(search_field.get_value(page)) if part)


def page_text(page):
    parts = []
    for search_field in page.get_search_fields():
        if isinstance(search_field, index.SearchField) and search_field.field_name != "title":
            text = _field_text(page, search_field)
            if text:
                parts.append(text)
    return " ".join(parts)[:MAX_TEXT_CHARS]


def page_document(page):
    """The search document of a page, or None when it must not be found: not live, behind a
    view restriction (its own or an ancestor's), or outside every site."""
    page = page.specific
    if not is_publicly_visible(page):  # the platform's one rule (schools.visibility)
        return None, None
    url_parts = page.get_url_parts()
    if url_parts is None:
        return None, None
    site_id, root_url, path = url_parts
    if site_id is None:
        return None, None
    page_type = search_registry.page_type_for(page)
    date = getattr(page, page_type.date_field, None) if page_type.date_field else None
    document = SearchDocument(
        site_id=site_id,
        language=page.locale.language_code,
        title=page.title,
        text=page_text(page),
        url=f"{root_url}{path}",
        date=date or page.first_published_at,
    )
    return page_type.kind, document


def _territory(site_id, cache):
    if site_id not in cache:
        from schools.models import School

        cache[site_id] = School.objects.filter(site_id=site_id).values_list(
            "district__region_id", "district_id"
        ).first() or (None, None)
    return cache[site_id]


def remember_words(language, *texts):
    words = {t for text in texts for t in tokens(text) if 3 <= len(t) <= 60 and t.isalpha()}
    SearchWord.objects.bulk_create(
        [SearchWord(language=language, word=w, length=len(w)) for w in words],
        ignore_conflicts=True,
        batch_size=500,
    )


def build_entry(key, source, kind, document, territory_cache=None):
    """An unsaved SearchEntry for a document (search.analysis turns the text into terms)."""
    region_id, district_id = _territory(document.site_id, territory_cache or {})
    text = plain_text(document.text)[:MAX_TEXT_CHARS]
    return SearchEntry(
        key=key,
        source=source,
        kind=kind,
        language=document.language,
        site_id=document.site_id,
        region_id=region_id,
        district_id=district_id,
        public=document.public,
        date=document.date,
        year=document.date.year if document.date else None,
        url=document.url,
        display_title=document.title[:500],
        display_text=text,
        title=index_terms(document.title, document.language),
        body=index_terms(text, document.language),
    )


def save_entry(entry):
    fields = [f.name for f in SearchEntry._meta.concrete_fields if f.name not in ("id", "key")]
    saved, _created = SearchEntry.objects.update_or_create(
        key=entry.key, defaults={name: getattr(entry, name) for name in fields}
    )
    remember_words(entry.language, entry.display_title, entry.display_text)
    return saved


def remove_keys(keys):
    # Delete one by one so that Wagtail's signal handlers drop their index rows too.
    for entry in SearchEntry.objects.filter(key__in=list(keys)):
        entry.delete()
    elastic.remove_keys_later(keys)


def index_page(page_id):
    """Index (or un-index) one page from its current state; returns the entry or None."""
    page = Page.objects.filter(pk=page_id).first()
    kind, document = page_document(page) if page is not None else (None, None)
    key = page_key(page_id)
    if document is None:
        remove_keys([key])
        return None
    entry = save_entry(build_entry(key, "page", kind, document))
    elastic.index_keys_later([key])
    return entry


def index_subtree(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        remove_keys([page_key(page_id)])
        return 0
    ids = list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    for pk in ids:
        index_page(pk)
    return len(ids)


def object_key(source_name, pk):
    return f"{source_name}:{pk}"


def index_object(source_name, pk):
    source = search_registry.source(source_name)
    if source is None:
        return None
    key = object_key(source_name, pk)
    obj = source.get_queryset().filter(pk=pk).first()
    document = source.document(obj) if obj is not None else None
    if document is None:
        remove_keys([key])
        return None
    entry = save_entry(build_entry(key, source_name, source.kind, document))
    elastic.index_keys_later([key])
    return entry


def iter_all_entries(progress=None):
    """Every entry the index should hold, built from scratch (for search_rebuild)."""
    territory_cache = {}
    pages = Page.objects.live().filter(depth__gt=1).order_by("path")
    total = pages.count()
    for number, page in enumerate(pages.iterator(chunk_size=500), start=1):
        kind, document = page_document(page)
        if document is not None:
            yield build_entry(page_key(page.pk), "page", kind, document, territory_cache)
        if progress and (number % 500 == 0 or number == total):
            progress("pages", number, total)
    for source in search_registry.sources():
        objects = source.get_queryset()
        total = objects.count()
        for number, obj in enumerate(objects.iterator(chunk_size=500), start=1):
            document = source.document(obj)
            if document is not None:
                key = object_key(source.name, obj.pk)
                yield build_entry(key, source.name, source.kind, document, territory_cache)
            if progress and (number % 500 == 0 or number == total):
                progress(source.name, number, total)


def rebuild(progress=None):
    """Rebuild the database index; returns the number of entries."""
    started = timezone.now()
    count = 0
    for entry in iter_all_entries(progress):
        save_entry(entry)  # touches updated_at
        count += 1
    for stale in SearchEntry.objects.filter(updated_at__lt=started).iterator():
        stale.delete()
    return count
