"""Disk quota per site (issue 3, item 12): 1 GB by default, SchoolSiteSettings.quota_bytes
overrides it. Images and documents in the school's collection count automatically; apps
that store other files (videos, form attachments) register a usage source and call
check_quota before they save an upload:

    from security.quota import check_quota, register_usage_source

    register_usage_source("galleries.video", lambda site: Video.objects.filter(
        site=site).aggregate(total=Sum("file_size"))["total"] or 0)

    check_quota(request.site, upload.size)   # raises ValidationError with a clear message
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

_usage_sources = {}


def register_usage_source(name, bytes_for_site):
    """`bytes_for_site(site) -> int`: the bytes an app stores for a site outside the
    site's Wagtail collection."""
    _usage_sources[name] = bytes_for_site


def school_collections(site):
    school = _school_of(site)
    if school is None:
        return Collection.objects.none()
    return Collection.objects.filter(
        path__startswith=school.collection.path, depth__gte=school.collection.depth
    )


def _school_of(site):
    from schools.models import School

    if site is None:
        return None
    return (
        School.objects.filter(site_id=getattr(site, "pk", site))
        .select_related("collection")
        .first()
    )


def site_for_collection(collection):
    """The site whose school collection holds `collection` (or None: shared collections)."""
    from schools.models import School

    if collection is None:
        return None
    ancestors = collection.get_ancestors(inclusive=True)
    school = School.objects.filter(collection__in=ancestors).select_related("site").first()
    return school.site if school else None


def usage_bytes(site):
    collections = school_collections(site)
    total = 0
    for model in (get_image_model(), get_document_model()):
        total += (
            model.objects.filter(collection__in=collections).aggregate(total=Sum("file_size"))[
                "total"
            ]
            or 0
        )
    for bytes_for_site in _usage_sources.values():
        total += int(bytes_for_site(site) or 0)
    return total


def quota_bytes(site):
    from schools.models import SchoolSiteSettings

    if site is None:
        return settings.SCHOOL_DEFAULT_QUOTA_BYTES
    return SchoolSiteSettings.for_site(site).effective_quota_bytes


def check_quota(site, incoming_bytes):
    """Raise ValidationError when `incoming_bytes` more would exceed the site's quota."""
    if site is None:
        return
    limit = quota_bytes(site)
    used = usage_bytes(site)
    if used + int(incoming_bytes or 0) > limit:
        raise ValidationError(
            _(
                "The site's disk quota is full: %(used)s of %(quota)s used, and this file "
                "needs %(size)s. Delete files you no longer need or ask the platform "
                "support to raise the quota."
            )
            % {
                "used": filesizeformat(used),
                "quota": filesizeformat(limit),
                "size": filesizeformat(incoming_bytes),
            },
            code="quota_exceeded",
        )


def usage_summary(site):
    used = usage_bytes(site)
    limit = quota_bytes(site)
    return {
        "site": site,
        "used": used,
        "quota": limit,
        "percent": min(100, round(100 * used / limit)) if limit else 100,
    }
