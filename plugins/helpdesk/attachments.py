"""Attachment checks: allowed types (by extension and by content), size, and the school's
disk quota (SchoolSiteSettings.quota_bytes), which ticket attachments count against."""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

import filetype
from helpdesk.models import FollowUpAttachment

# What the content of a file with each extension may be detected as (filetype's MIME
# types); None: a text format that carries no magic number.
CONTENT_TYPES = {
    ".txt": None,
    ".csv": None,
    ".pdf": {"application/pdf"},
    ".png": {"image/png"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".gif": {"image/gif"},
    ".webp": {"image/webp"},
    ".doc": {"application/x-ole-storage", "application/msword"},
    ".xls": {"application/x-ole-storage", "application/vnd.ms-excel"},
    ".docx": {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },  # noqa: E501
    ".xlsx": {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },  # noqa: E501
    ".odt": {"application/zip", "application/vnd.oasis.opendocument.text"},
    ".ods": {"application/zip", "application/vnd.oasis.opendocument.spreadsheet"},
}


def allowed_extensions():
    return [ext for ext in settings.HELPDESK_VALID_EXTENSIONS if ext in CONTENT_TYPES]


def validate_upload(upload):
    """Refuse a file whose extension is not allowed, whose content is not what its name
    says, or that is too large."""
    name = upload.name or ""
    ext = os.path.splitext(name)[1].lower()
    if ext not in allowed_extensions():
        raise ValidationError(
            _("“%(name)s”: files of this type are not accepted. Allowed: %(allowed)s.")
            % {"name": name, "allowed": ", ".join(allowed_extensions())},
            code="file_type",
        )
    limit = settings.HELPDESK_MAX_ATTACHMENT_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)s.")
            % {"name": name, "limit": filesizeformat(limit)},
            code="file_size",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    detected = filetype.guess(head)
    expected = CONTENT_TYPES[ext]
    if expected is None:
        if detected is not None or b"\x00" in head:
            raise ValidationError(
                _("“%(name)s” is not a text file.") % {"name": name}, code="file_content"
            )
    elif detected is None or detected.mime not in expected:
        raise ValidationError(
            _("The content of “%(name)s” does not match its type.") % {"name": name},
            code="file_content",
        )


def school_usage_bytes(school):
    """Bytes the school uses: its ticket attachments plus the images and documents of its
    collection."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    used = (
        FollowUpAttachment.objects.filter(followup__ticket__record__school=school).aggregate(
            total=Sum("size")
        )["total"]
        or 0
    )
    if school.collection_id:
        collections = school.collection.get_descendants(inclusive=True)
        for model in (get_image_model(), get_document_model()):
            used += (
                model.objects.filter(collection__in=collections).aggregate(total=Sum("file_size"))[
                    "total"
                ]
                or 0
            )
    return used


def _site(school):
    return school.site if school is not None else None


def reserve_quota(school, new_bytes):
    """Count the attachments against the school's quota (security.quota: one atomic row per
    site, so parallel uploads cannot pass it together). Call inside the transaction that
    stores them: a rollback gives the bytes back."""
    if school is None or not new_bytes:
        return
    from security.quota import reserve

    reserve(_site(school), new_bytes)


def count_attachments():
    """Attachments count in the platform's per-site usage: the recount adds them up, a
    deleted attachment gives its bytes back."""
    from security.quota import register_usage_source, release_on_delete

    register_usage_source(
        "helpdesk.attachments",
        lambda site: (
            FollowUpAttachment.objects.filter(
                followup__ticket__record__school__site=site
            ).aggregate(total=Sum("size"))["total"]
            or 0
        ),
    )
    release_on_delete(
        FollowUpAttachment,
        site_of=lambda item: _attachment_site(item),
        size_of=lambda item: item.size or 0,
    )


def _attachment_site(item):
    record = getattr(getattr(item.followup, "ticket", None), "record", None)
    school = getattr(record, "school", None)
    return _site(school)


def check_quota(school, new_bytes):
    """The early, friendly refusal before anything is stored (reserve_quota counts)."""
    if school is None or not new_bytes:
        return
    from security.quota import used_bytes

    from schools.models import SchoolSiteSettings

    quota = SchoolSiteSettings.for_site(school.site).effective_quota_bytes
    used = used_bytes(school.site)
    if used + new_bytes > quota:
        raise ValidationError(
            _(
                "The attachments (%(size)s) do not fit into the school's disk quota: "
                "%(free)s left of %(quota)s."
            )
            % {
                "size": filesizeformat(new_bytes),
                "free": filesizeformat(max(quota - used, 0)),
                "quota": filesizeformat(quota),
            },
            code="quota",
        )
