"""Republishing a news page of one site on other sites, linked or as a copy, keeping languages.

Each language version of the origin becomes a news page in the target site's news section of
the same language, and the copies on one site are translations of each other (one
translation key), so the language switcher works on the target site too. A `Republication`
row per origin page and target site makes the operation idempotent: running it again (a
retried task, two admins clicking at once) creates nothing new.

One call lands an origin on any number of sites with a fixed number of queries
(landing.py): a subscription fan-out to 1,000 sites is a few batches, not 1,000 page
publishes. Linked copies follow their origin by bulk updates of the same kind."""

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from wagtail.models import Page

from schools.models import School
from schools.visibility import public_q
from sites.news.models import NewsPage

from .aggregation import bump_site_versions
from .landing import Landing, create_pages, index_later
from .models import NewsEntry, Republication, Subscription

ATTEMPTS = 3  # a batch that lost a race (unique key taken meanwhile) is recomputed


@dataclass
class Target:
    """Where to republish: a news section (any language) of site `site_id`."""

    index: Page
    site_id: int
    publish: bool = True
    subscription: Subscription | None = None


def origin_name(page):
    """The origin site's name in the page's language, for attribution."""
    site = page.get_site()
    school = School.objects.filter(site=site).first() if site else None
    with translation.override(page.locale.language_code):
        if school is not None:
            return school.name
    return (site.site_name or site.hostname) if site else ""


def _content(origin):
    """The fields a copy takes from its origin."""
    return {
        "title": origin.title[:255],
        "date": origin.date,
        "summary": origin.summary,
        "cover_image_id": origin.cover_image_id,
        "body": origin.body,
        "source_name": origin_name(origin)[:255],
        "source_url": (origin.get_full_url() or "")[:1000],
    }


def republish_to(origin, targets, mode=Republication.Mode.LINKED):
    """Republish the language version `origin` on the targets' sites, each into its section's
    translation in the origin's language. Returns the Republications, existing ones
    included; a site without a section in that language is skipped."""
    origin = origin.specific
    for attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                return _republish_batch(origin, targets, mode)
        except IntegrityError:
            # Another worker republished some of these at the same moment: their rows exist
            # now, and the next attempt skips them.
            if attempt == ATTEMPTS - 1:
                raise


def _republish_batch(origin, targets, mode):
    site_ids = {target.site_id for target in targets}
    done = {
        r.target_site_id: r
        for r in Republication.objects.filter(origin=origin, target_site_id__in=site_ids)
    }
    # The section's translation in the origin's language, per section translation key.
    sections = dict(
        Page.objects.filter(
            translation_key__in={target.index.translation_key for target in targets},
            locale_id=origin.locale_id,
        ).values_list("translation_key", "pk")
    )
    # Copies of the origin's other language versions: the new copy joins them as their
    # translation.
    sibling_keys = dict(
        Republication.objects.filter(
            origin__translation_key=origin.translation_key, target_site_id__in=site_ids
        )
        .exclude(origin=origin)
        .values_list("target_site_id", "copy__translation_key")
    )
    content = _content(origin)
    landings, new_targets = [], []
    for target in targets:
        section_id = sections.get(target.index.translation_key)
        if target.site_id in done or section_id is None:
            continue
        page = NewsPage(
            locale=origin.locale,
            slug=origin.slug,
            live=target.publish,
            translation_key=sibling_keys.get(target.site_id) or uuid.uuid4(),
            **content,
        )
        landings.append(Landing(page=page, parent_id=section_id, site_id=target.site_id))
        new_targets.append(target)
        done[target.site_id] = None  # one copy per site, even if two subscriptions ask
    pages = create_pages(landings)
    created = Republication.objects.bulk_create(
        [
            Republication(
                origin=origin,
                copy=page,
                target_site_id=target.site_id,
                mode=mode,
                subscription=target.subscription,
            )
            for page, target in zip(pages, new_targets, strict=True)
        ]
    )
    done.update({r.target_site_id: r for r in created})
    ordered = [done.get(target.site_id) for target in targets]
    return list(dict.fromkeys(r for r in ordered if r is not None))


def republish(origin, target_index, mode=Republication.Mode.LINKED, publish=True):
    """Republish every live language version of `origin` into one site; returns the
    republications."""
    target = Target(index=target_index, site_id=target_index.get_site().pk, publish=publish)
    results = []
    # Only what everyone may read is republished (schools.visibility).
    versions = NewsPage.objects.filter(public_q(), translation_key=origin.translation_key)
    for version in versions.order_by("pk"):
        results.extend(republish_to(version, [target], mode=mode))
    return results


def sync_linked_copies(origin):
    """Bring linked copies of `origin` up to date with its newly published content, and land
    a language version published after the others on the sites that have the others."""
    origin = origin.specific
    linked = Republication.objects.filter(origin=origin, mode=Republication.Mode.LINKED)
    copy_ids = list(linked.values_list("copy_id", flat=True))
    if copy_ids:
        content = _content(origin)
        now = timezone.now()
        with transaction.atomic():
            # A linked copy that an editor published stays published; a draft stays a draft.
            NewsPage.objects.filter(pk__in=copy_ids).update(draft_title=content["title"], **content)
            Page.objects.filter(pk__in=copy_ids, live=True).update(last_published_at=now)
            NewsEntry.objects.filter(page_id__in=copy_ids).update(
                title=content["title"],
                summary=content["summary"] or "",
                date=content["date"],
                modified_at=now,
            )
            bump_site_versions(linked.values_list("target_site_id", flat=True))
            index_later(copy_ids)
    _join_language_version(origin)


def _join_language_version(origin):
    siblings = (
        Republication.objects.filter(
            origin__translation_key=origin.translation_key, mode=Republication.Mode.LINKED
        )
        .exclude(
            target_site_id__in=Republication.objects.filter(origin=origin).values("target_site")
        )
        .select_related("copy", "subscription")
        .order_by("pk")
    )
    by_site = {}
    for sibling in siblings:
        by_site.setdefault(sibling.target_site_id, sibling)
    if not by_site:
        return
    # The sibling copy's section (its parent), found by tree path in one query.
    parent_paths = {s.copy.path[: -Page.steplen] for s in by_site.values()}
    parents = {p.path: p for p in Page.objects.filter(path__in=parent_paths)}
    targets = [
        Target(
            index=parents[sibling.copy.path[: -Page.steplen]],
            site_id=site_id,
            publish=sibling.subscription.publish if sibling.subscription else sibling.copy.live,
            subscription=sibling.subscription,
        )
        for site_id, sibling in by_site.items()
    ]
    republish_to(origin, targets, mode=Republication.Mode.LINKED)


def unpublish_linked_copies(origin):
    """Linked copies follow their origin off the air (in bulk, like their landing)."""
    linked = Republication.objects.filter(
        origin=origin, mode=Republication.Mode.LINKED, copy__live=True
    )
    copy_ids = list(linked.values_list("copy_id", flat=True))
    if not copy_ids:
        return
    site_ids = list(linked.values_list("target_site_id", flat=True))
    Page.objects.filter(pk__in=copy_ids).update(
        live=False, has_unpublished_changes=True, live_revision=None
    )
    NewsEntry.objects.filter(page_id__in=copy_ids).delete()
    bump_site_versions(site_ids)
    index_later(copy_ids)
