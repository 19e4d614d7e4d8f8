"""The news index: one `NewsEntry` per live news page, and the queries portals, feeds and the
read API make on it.

Entries are written by publish/unpublish signals (signals.py), so a portal shows a school's
new item as soon as it is published, with no manual step and no query over page trees."""

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Site

from schools import site_data
from schools.models import Portal, School
from schools.page_cache import VERSION_KEY
from schools.visibility import is_publicly_visible, public_q

from .models import Delivery, NewsEntry, Republication


def owners_of(sites):
    """{site id: (school, district, region, origin name)} for the given sites, in one query."""
    schools = {
        school.site_id: school
        for school in School.objects.filter(site__in=sites).select_related("district__region")
    }
    owners = {}
    for site in sites:
        school = schools.get(site.pk)
        if school is not None:
            owners[site.pk] = (school, school.district, school.district.region, school.name)
        else:
            owners[site.pk] = (None, None, None, site.site_name or site.hostname)
    return owners


def is_copy(page):
    """A page that came from elsewhere (a republished copy or an imported feed item). Decided
    by where the page came from, not by its source link: an imported item without a link is
    still a copy and must not rise to the portals' feeds as the school's own news."""
    return (
        Republication.objects.filter(copy_id=page.pk).exists()
        or Delivery.objects.filter(page_id=page.pk).exists()
    )


def entry_fields(page, site, owner, url, is_original=None):
    """What a NewsEntry holds for a live news page of `site` (owner from `owners_of`)."""
    school, district, region, origin_name = owner
    if is_original is None:
        is_original = not page.source_url
    return {
        "translation_key": page.translation_key,
        "site": site,
        "school": school,
        "district": district,
        "region": region,
        "origin_name": origin_name,
        "language": page.locale.language_code,
        "date": page.date,
        "title": page.title[:255],
        "summary": page.summary or "",
        "url": url or "",
        "is_original": is_original,
        "modified_at": page.last_published_at or timezone.now(),
    }


def index_news_page(page):
    """Create or refresh the entry of a live news page; returns it (None if not live)."""
    page = page.specific
    if not is_publicly_visible(page):
        remove_news_page(page)
        return None
    site = page.get_site()
    if site is None:
        return None
    fields = entry_fields(
        page,
        site,
        owners_of([site])[site.pk],
        page.get_full_url(),
        is_original=not page.source_url and not is_copy(page),
    )
    entry, _created = NewsEntry.objects.update_or_create(page=page, defaults=fields)
    invalidate_portal_pages(entry)
    return entry


def remove_news_page(page):
    entries = list(NewsEntry.objects.filter(page_id=page.pk))
    NewsEntry.objects.filter(page_id=page.pk).delete()
    for entry in entries:
        invalidate_portal_pages(entry)


def portals_showing(entry):
    """Portals whose aggregation includes the entry's school."""
    if entry.school_id is None:
        return Portal.objects.none()
    return Portal.objects.filter(
        Q(kind=Portal.Kind.PLATFORM)
        | Q(kind=Portal.Kind.DISTRICT, district_id=entry.district_id)
        | Q(kind=Portal.Kind.REGION, region_id=entry.region_id)
    )


def bump_site_versions(site_ids):
    """Invalidate the anonymous page cache of these sites (schools.page_cache's versions)."""
    for site_id in set(site_ids):
        key = VERSION_KEY.format(site_id=site_id)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 2, None)


def invalidate_portal_pages(entry):
    # Portal pages are cached per site; a school's publish only bumps the school's version,
    # so the portals that show the school's news are bumped here.
    bump_site_versions(portals_showing(entry).values_list("site_id", flat=True))


def portal_for_site(site):
    # Asked on every page of every site (the header region): cached until a portal changes.
    return site_data.cached(
        "portal",
        [Portal, "mektep_schools.District", "mektep_schools.Region"],
        [site.pk],
        lambda: Portal.objects.filter(site=site).select_related("district", "region").first(),
    )


def visible_entries():
    """News entries whose page is publicly visible now (schools.visibility): the index rows
    are written on publish, but a view restriction added later to the page or a section
    above it, or an expiry date passed, must take the item off every channel at once."""
    return NewsEntry.objects.filter(public_q("page__"))


def aggregated_entries(portal, language):
    """Original news of the portal's schools in one language, newest first."""
    entries = visible_entries().filter(language=language, is_original=True)
    if portal.kind == Portal.Kind.DISTRICT:
        entries = entries.filter(district_id=portal.district_id)
    elif portal.kind == Portal.Kind.REGION:
        entries = entries.filter(region_id=portal.region_id)
    else:
        entries = entries.filter(school__isnull=False)
    return entries.order_by("-date", "-pk")


def entries_for_site(site, language=None):
    """What a site publishes outward: its own original news and, for a portal, its schools'
    news. Copies (republished or imported) are not published again: two schools that
    subscribe to each other's feeds would otherwise multiply each other's items."""
    portal = portal_for_site(site) if isinstance(site, Site) else None
    own = Q(site=site, is_original=True)
    if portal is not None:
        if portal.kind == Portal.Kind.DISTRICT:
            own |= Q(is_original=True, district_id=portal.district_id)
        elif portal.kind == Portal.Kind.REGION:
            own |= Q(is_original=True, region_id=portal.region_id)
        else:
            own |= Q(is_original=True, school__isnull=False)
    entries = visible_entries().filter(own)
    if language:
        entries = entries.filter(language=language)
    return entries
