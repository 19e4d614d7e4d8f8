"""Republishing a news page of one site on another, linked or as a copy, keeping languages.

Each language version of the origin becomes a news page in the target site's news section of
the same language, and the copies are translations of each other (one translation key), so
the language switcher works on the target site too. A `Republication` row per origin page and
target site makes the operation idempotent: running it again (a retried task, two admins
clicking at once) creates nothing new."""

from django.db import IntegrityError, transaction
from django.utils import translation

from wagtail.coreutils import find_available_slug

from schools.models import School
from sites.news.models import NewsPage

from .models import Republication


def origin_name(page):
    """The origin site's name in the page's language, for attribution."""
    site = page.get_site()
    school = School.objects.filter(site=site).first() if site else None
    with translation.override(page.locale.language_code):
        if school is not None:
            return school.name
    return (site.site_name or site.hostname) if site else ""


def _copy_fields(origin, page):
    page.title = origin.title
    page.date = origin.date
    page.summary = origin.summary
    page.cover_image_id = origin.cover_image_id
    page.body = origin.body.get_prep_value()
    page.source_name = origin_name(origin)[:255]
    page.source_url = (origin.get_full_url() or "")[:1000]


def republish_one(origin, target_index, mode=Republication.Mode.LINKED, publish=True,
                  subscription=None):  # fmt: skip
    """Republish one language version `origin` into the target site's news section of the
    same language. Returns the Republication, or None when the target site has no news
    section in that language."""
    origin = origin.specific
    target_site = target_index.get_site()
    existing = Republication.objects.filter(origin=origin, target_site=target_site).first()
    if existing is not None:
        return existing
    index = target_index.get_translation_or_none(origin.locale)
    if index is None:
        return None
    sibling = (
        Republication.objects.filter(
            origin__translation_key=origin.translation_key, target_site=target_site
        )
        .select_related("copy")
        .first()
    )
    page = NewsPage(locale=origin.locale, live=False)
    _copy_fields(origin, page)
    page.slug = find_available_slug(index, origin.slug)
    if sibling is not None:
        page.translation_key = sibling.copy.translation_key
    try:
        with transaction.atomic():
            index.add_child(instance=page)
            revision = page.save_revision()
            if publish:
                revision.publish()
                page.refresh_from_db()  # publish() worked on its own copy of the page
            return Republication.objects.create(
                origin=origin,
                copy=page,
                target_site=target_site,
                mode=mode,
                subscription=subscription,
            )
    except IntegrityError:
        # Another worker republished the same page to the same site at the same moment.
        return Republication.objects.filter(origin=origin, target_site=target_site).first()


def republish(origin, target_index, mode=Republication.Mode.LINKED, publish=True):
    """Republish every live language version of `origin`; returns the republications."""
    results = []
    versions = NewsPage.objects.filter(translation_key=origin.translation_key).live()
    for version in versions.order_by("pk"):
        republication = republish_one(version, target_index, mode=mode, publish=publish)
        if republication is not None:
            results.append(republication)
    return results


def sync_linked_copies(origin):
    """Bring linked copies of `origin` up to date with its newly published revision."""
    origin = origin.specific
    for republication in Republication.objects.filter(
        origin=origin, mode=Republication.Mode.LINKED
    ).select_related("copy"):
        page = republication.copy.specific
        _copy_fields(origin, page)
        revision = page.save_revision()
        # A linked copy that an editor published stays published; a draft stays a draft.
        if page.live:
            revision.publish()
    # A language version published after the others were republished joins them.
    done = set(Republication.objects.filter(origin=origin).values_list("target_site_id", flat=True))
    siblings = (
        Republication.objects.filter(
            origin__translation_key=origin.translation_key, mode=Republication.Mode.LINKED
        )
        .exclude(target_site_id__in=done)
        .select_related("copy", "subscription")
        .order_by("pk")
    )
    seen = set()
    for sibling in siblings:
        if sibling.target_site_id in seen:
            continue
        seen.add(sibling.target_site_id)
        index = sibling.copy.get_parent().specific
        publish = sibling.subscription.publish if sibling.subscription else sibling.copy.live
        republish_one(
            origin,
            index,
            mode=Republication.Mode.LINKED,
            publish=publish,
            subscription=sibling.subscription,
        )
