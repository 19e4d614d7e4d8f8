"""Disk quota per site (issue 3, item 12; issue 24, finding 5): 1 GB by default,
SchoolSiteSettings.quota_bytes overrides it.

Every stored file of a school counts: images and documents of its collection (through the
upload forms, security.forms), and whatever apps store (helpdesk attachments, survey files,
videos). The count is one row per site (StorageUsage) that uploads reserve space in with a
single conditional UPDATE, so parallel uploads cannot pass the quota together; deleting a file
releases its bytes. Apps register what they store, for the recount, and reserve before they
save an upload:

    from security.quota import register_usage_source, reserve, release

    register_usage_source("galleries.video", lambda site: Video.objects.filter(
        site=site).aggregate(total=Sum("file_size"))["total"] or 0)

    reserve(request.site, upload.size)   # raises ValidationError with a clear message
    ...
    release(site, video.file_size)       # in a post_delete receiver

A reservation whose save then fails stays counted until the daily recount
(`security.recount_storage_usage`), which sets every row to the sources' real total.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum, Value
from django.db.models.functions import Greatest
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


def _usage_row(site):
    """The site's usage row, created from a full count the first time."""
    from .models import StorageUsage

    row = StorageUsage.objects.filter(site=site).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return StorageUsage.objects.create(site=site, used_bytes=usage_bytes(site))
    except IntegrityError:  # a parallel upload created it first
        return StorageUsage.objects.get(site=site)


def _site_pk(site):
    return getattr(site, "pk", site)


def _quota_full(site, limit, used, incoming_bytes):
    return ValidationError(
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


def reserve(site, incoming_bytes):
    """Count `incoming_bytes` more for the site, or raise ValidationError when they would pass
    the quota. One conditional UPDATE: of parallel uploads only those that fit succeed."""
    from .models import StorageUsage

    incoming_bytes = int(incoming_bytes or 0)
    if site is None or incoming_bytes <= 0:
        return
    row = _usage_row(site)
    limit = quota_bytes(site)
    reserved = StorageUsage.objects.filter(
        pk=row.pk, used_bytes__lte=limit - incoming_bytes
    ).update(used_bytes=F("used_bytes") + incoming_bytes)
    if not reserved:
        used = StorageUsage.objects.filter(pk=row.pk).values_list("used_bytes", flat=True)
        raise _quota_full(site, limit, used.first() or 0, incoming_bytes)


def release(site, freed_bytes):
    """Give back the bytes of a deleted file (or of a reservation whose save failed)."""
    from .models import StorageUsage

    freed_bytes = int(freed_bytes or 0)
    if site is None or freed_bytes <= 0:
        return
    StorageUsage.objects.filter(site_id=_site_pk(site)).update(
        used_bytes=Greatest(F("used_bytes") - freed_bytes, Value(0))
    )


def check_quota(site, incoming_bytes):
    """Refuse when `incoming_bytes` more would exceed the quota, without reserving (a form's
    early message; `reserve` is the check that counts)."""
    if site is None:
        return
    limit = quota_bytes(site)
    used = used_bytes(site)
    if used + int(incoming_bytes or 0) > limit:
        raise _quota_full(site, limit, used, incoming_bytes)


def used_bytes(site):
    """The counted bytes of the site (its usage row; a full count if it has none yet)."""
    return _usage_row(site).used_bytes if site is not None else 0


def recount(site):
    """Set the site's row to the real total of every source (the daily correction)."""
    from django.utils import timezone

    from .models import StorageUsage

    row = _usage_row(site)
    total = usage_bytes(site)
    StorageUsage.objects.filter(pk=row.pk).update(used_bytes=total, counted_at=timezone.now())
    return total


def usage_summary(site):
    used = used_bytes(site)
    limit = quota_bytes(site)
    return {
        "site": site,
        "used": used,
        "quota": limit,
        "percent": min(100, round(100 * used / limit)) if limit else 100,
    }


def release_on_delete(model, site_of, size_of):
    """Give a deleted `model` instance's bytes back to its site's count:
    `site_of(instance) -> Site | None`, `size_of(instance) -> int`."""
    from django.db.models.signals import post_delete

    def _released(sender, instance, **kwargs):
        release(site_of(instance), size_of(instance))

    post_delete.connect(
        _released, sender=model, weak=False, dispatch_uid=f"quota-{model._meta.label}"
    )


def connect():
    """Images and documents of a school's collection give their bytes back when deleted."""
    for model in (get_image_model(), get_document_model()):
        release_on_delete(
            model,
            site_of=lambda obj: site_for_collection(obj.collection) if obj.collection_id else None,
            size_of=lambda obj: obj.file_size or 0,
        )
