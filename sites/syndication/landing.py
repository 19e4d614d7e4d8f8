"""Create many news pages at once: the landing path of subscriptions, republishing and feed
imports.

A page made through Wagtail's `add_child` + `save_revision().publish()` costs about 137 SQL
queries (tree lookups, validation, revision, publish hooks, search and reference index), so
landing one item on 1,000 sites took close to a minute. Here a batch of pages, under one or
many news sections, costs a fixed number of queries:

- the news sections are locked (SELECT … FOR UPDATE, in id order) and their tree position,
  last child path and child slugs read once, so paths and slugs are computed in Python and
  two workers landing into the same section wait for each other instead of colliding;
- the `wagtailcore_page` rows and the `sites_news_newspage` rows are inserted with one
  multi-row INSERT each, and every section's `numchild` grows by one UPDATE;
- live pages get their `NewsEntry` rows (portals, feeds, API) in the same transaction, and
  the page cache of their sites is bumped once per site.

Landed pages have no revision: Wagtail does not need one (the editor and the history fall
back to the page row until the first edit saves a revision). Page signals are not sent:
what their receivers do for a landed page is done here (news index, page cache) or by
`tasks.index_landed_pages` after commit (Wagtail's search index, the reference index and
the site search), in one task per batch. Copies are never passed on again, so nothing else
needs the publish signal.

The caller runs `create_pages` inside `transaction.atomic()` together with the records that
make landing idempotent (`Delivery`, `Republication`); a worker killed in the middle rolls
the whole batch back."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import reduce
from operator import or_
from types import SimpleNamespace

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page, Site

from sites.news.models import NewsPage

from .aggregation import bump_site_versions, entry_fields, owners_of
from .models import NewsEntry


@dataclass
class Landing:
    """One page to create: an unsaved NewsPage (content fields, `locale` as an instance, the
    translation key and `live` set) under the news section `parent_id` of site `site_id`."""

    page: NewsPage
    parent_id: int
    site_id: int


def slug_base(text):
    return (slugify(text or "", allow_unicode=True)[:60].strip("-")) or "item"


def lock_sections(parent_ids):
    """Lock the news sections' rows until the end of the transaction; returns their tree
    position. In id order, so that two batches sharing sections cannot deadlock."""
    return {
        row[0]: row
        for row in Page.objects.select_for_update()
        .filter(pk__in=sorted(parent_ids))
        .order_by("pk")
        .values_list("pk", "path", "depth", "url_path")
    }


def _children(parents):
    """{parent path: (last child path or None, set of child slugs)} in one query."""
    found = {path: (None, set()) for _pk, path, _depth, _url in parents.values()}
    by_depth = defaultdict(list)
    for _pk, path, depth, _url in parents.values():
        by_depth[depth].append(path)
    condition = reduce(
        or_,
        (
            Q(depth=depth + 1) & reduce(or_, (Q(path__startswith=path) for path in paths))
            for depth, paths in by_depth.items()
        ),
    )
    for path, slug in Page.objects.filter(condition).values_list("path", "slug"):
        parent_path = path[: -Page.steplen]
        last, slugs = found[parent_path]
        if last is None or path > last:
            last = path
        slugs.add(slug)
        found[parent_path] = (last, slugs)
    return found


def _free_slug(base, taken):
    slug, suffix = base, 1
    while slug in taken:  # Wagtail's own rule: base, base-2, base-3 …
        suffix += 1
        slug = f"{base}-{suffix}"
    taken.add(slug)
    return slug


def _insert(model, pages, fields, returning=False):
    """A multi-row INSERT of `fields` of the pages into `model`'s table. Django's bulk_create
    refuses multi-table models (Page → NewsPage) because some databases cannot return the
    parent ids; PostgreSQL and SQLite can, so the two tables are filled here with the same
    internal insert bulk_create uses, batch by batch."""
    returning_fields = model._meta.db_returning_fields if returning else None
    batch = max(1, connection.ops.bulk_batch_size(fields, pages))
    rows = []
    for start in range(0, len(pages), batch):
        part = pages[start : start + batch]
        result = model._base_manager._insert(part, fields=fields, returning_fields=returning_fields)
        if returning:
            rows.extend(result)
    return rows


def create_pages(landings, references=True):
    """Insert the pages of `landings` (see `Landing`) under their sections; returns them
    saved. Must run inside transaction.atomic(). `references=False` when the content cannot
    refer to objects of the platform (feed items: outside URLs only), which spares the
    reference index."""
    if not landings:
        return []
    parents = lock_sections({landing.parent_id for landing in landings})
    children = _children(parents)
    next_step = {
        path: (Page._str2int(last[-Page.steplen :]) + 1 if last else 1)
        for path, (last, _slugs) in children.items()
    }
    now = timezone.now()
    pages = []
    for landing in landings:
        page = landing.page
        _pk, parent_path, depth, parent_url_path = parents[landing.parent_id]
        page.path = Page._get_path(parent_path, depth + 1, next_step[parent_path])
        next_step[parent_path] += 1
        page.depth, page.numchild = depth + 1, 0
        page.slug = _free_slug(page.slug or slug_base(page.title), children[parent_path][1])
        page.url_path = f"{parent_url_path}{page.slug}/"
        page.title = page.title[:255]
        page.draft_title = page.title
        page.has_unpublished_changes = not page.live
        if page.live:
            page.first_published_at = page.last_published_at = now
        pages.append(page)
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    for page, (pk,) in zip(pages, _insert(Page, pages, base_fields, returning=True), strict=True):
        page.id = page.page_ptr_id = pk
    _insert(NewsPage, pages, NewsPage._meta.local_concrete_fields)
    for count, parent_ids in _group_by_count(landings).items():
        Page.objects.filter(pk__in=parent_ids).update(numchild=F("numchild") + count)
    _index_live(landings)
    index_later([page.pk for page in pages], references=references)
    return pages


def index_later(page_ids, references=True):
    """After commit, one task brings the indexes that page signals would have updated up to
    date for these pages (tasks.index_landed_pages)."""
    from .tasks import index_landed_pages

    transaction.on_commit(lambda: index_landed_pages.delay(page_ids, references))


def _group_by_count(landings):
    """{number of new children: [parent ids]}, so numchild grows by one UPDATE per count."""
    per_parent = Counter(landing.parent_id for landing in landings)
    grouped = defaultdict(list)
    for parent_id, count in per_parent.items():
        grouped[count].append(parent_id)
    return grouped


def _index_live(landings):
    """NewsEntry rows of the live pages, and their sites' page caches bumped."""
    live = [landing for landing in landings if landing.page.live]
    if not live:
        return
    sites = Site.objects.in_bulk({landing.site_id for landing in live})
    owners = owners_of(list(sites.values()))
    # Wagtail keeps the site root paths on the object passed as `request`: one cache read
    # for the batch instead of one (and an unpickling of every site's root) per section.
    root_paths_holder = SimpleNamespace()
    parent_urls = {
        page.pk: page.get_full_url(root_paths_holder)
        for page in Page.objects.filter(pk__in={landing.parent_id for landing in live})
    }
    NewsEntry.objects.bulk_create(
        [
            NewsEntry(
                page_id=landing.page.pk,
                **entry_fields(
                    landing.page,
                    sites[landing.site_id],
                    owners[landing.site_id],
                    f"{parent_urls[landing.parent_id]}{landing.page.slug}/"
                    if parent_urls[landing.parent_id]
                    else "",
                    # Landed pages are always copies (republished or imported), link or not.
                    is_original=False,
                ),
            )
            for landing in live
        ],
        batch_size=500,
    )
    bump_site_versions(sites)
