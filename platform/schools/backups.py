"""Backups of the whole platform and exports of one school's site.

A platform backup is one ZIP: the database as Django fixtures (natural keys, so it restores
into any empty database of the same schema, SQLite or PostgreSQL) and the media files.
`backup_create` writes it (Celery beat runs it nightly and keeps BACKUP_KEEP archives);
`backup_restore` loads it into an empty, migrated database. A school export is the same
format limited to one school: its site, pages in every language, settings, collection with
its images and documents, for hand-over or archiving.

Large PostgreSQL installations should add pg_dump / WAL archiving at the database level
(docs/deployment.md); these archives are the portable, per-school-capable layer on top."""

import contextlib
import io
import json
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command

FORMAT_VERSION = 1
# Derived data the running platform rebuilds (search index, renditions, reference index),
# sessions, and logs too large to be worth restoring.
EXCLUDED_MODELS = {
    "sessions.session",
    "wagtailsearch.indexentry",
    "wagtailcore.referenceindex",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailimages.rendition",
    "mektep_search.searchentry",
}


def _backup_dir() -> Path:
    path = Path(settings.BACKUP_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _models_to_dump():
    # Models whose natural keys others use (content types, users, groups, collections...)
    # come first, as dumpdata orders them, so that loading never meets a missing row.
    ordered = serializers.sort_dependencies(
        [(config, None) for config in apps.get_app_configs()], allow_cycles=True
    )
    for model in ordered:
        label = model._meta.label_lower
        if label in EXCLUDED_MODELS or model._meta.proxy or not model._meta.managed:
            continue
        yield model


def _write_archive(target: Path, objects_by_label, media_names, manifest):
    tmp = target.with_suffix(".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        data = serializers.serialize(
            "json",
            (obj for objects in objects_by_label for obj in objects),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=False,
        )
        archive.writestr("data.json", data)
        for name in media_names:
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    archive.writestr(f"media/{name}", handle.read())
    tmp.replace(target)  # a crash mid-write never leaves a truncated archive under its name
    return target


def create_backup(directory=None) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(directory or _backup_dir()) / f"mektep-{stamp}.zip"
    querysets = [model._default_manager.order_by("pk") for model in _models_to_dump()]
    media = _all_media_names()
    manifest = {"format": FORMAT_VERSION, "kind": "platform", "created": stamp}
    return _write_archive(target, querysets, media, manifest)


def _all_media_names():
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    # Renditions are derived and excluded from the database dump; originals and documents
    # are kept.
    names = [
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and p.relative_to(root).parts[0] != "images"
    ]
    # Files of private prefixes (documents, attachments) live under the private root; the
    # default storage reads them from there by the same names (security.storage).
    from security.storage import is_private_name

    private = Path(settings.SECURITY_PRIVATE_MEDIA_ROOT)
    if private.exists():
        names += [
            str(p.relative_to(private))
            for p in private.rglob("*")
            if p.is_file() and is_private_name(p.relative_to(private).as_posix())
        ]
    return sorted(set(names))


def export_school(school, directory=None) -> Path:
    """One school's site: the school, its site and settings, pages of its tree in every
    language (with revisions), its collection with images and documents."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    site = school.site
    roots = [site.root_page, *site.root_page.get_translations()]
    pages = Page.objects.none()
    for root in roots:
        pages |= Page.objects.descendant_of(root, inclusive=True)
    pages = list(pages.order_by("path").specific())
    images = list(get_image_model().objects.filter(collection=school.collection))
    documents = list(get_document_model().objects.filter(collection=school.collection))
    site_settings = [
        model.objects.filter(site=site)
        for model in settings_registry
        if issubclass(model, BaseSiteSetting)
    ]
    revisions = Revision.page_revisions.filter(object_id__in=[str(p.pk) for p in pages])
    objects = [[school.collection], [site], [school], pages, revisions, images, documents]
    objects += site_settings
    media = [obj.file.name for obj in images + documents if obj.file]
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(directory or _backup_dir()) / f"school-{school.slug}-{stamp}.zip"
    manifest = {
        "format": FORMAT_VERSION,
        "kind": "school",
        "school": school.slug,
        "hostname": site.hostname,
        "created": stamp,
        "pages": len(pages),
        "images": len(images),
        "documents": len(documents),
    }
    return _write_archive(target, objects, media, manifest)


class RestoreError(Exception):
    pass


@contextlib.contextmanager
def _without_vendor_user_receivers():
    """django-helpdesk creates a UserSettings row on every new user and ignores `raw`, so
    loading users would create rows that the archive's own UserSettings then collide with.
    The archive holds them all; the receiver is off while it loads."""
    if not apps.is_installed("helpdesk"):
        yield
        return
    from django.db.models.signals import post_save

    from helpdesk.models import create_usersettings

    post_save.disconnect(create_usersettings, sender=settings.AUTH_USER_MODEL)
    try:
        yield
    finally:
        post_save.connect(create_usersettings, sender=settings.AUTH_USER_MODEL)


def restore_backup(path: Path):
    """Load a platform backup into the database, replacing everything in it, and put its
    media back. Meant for an empty (freshly migrated) database: it refuses one that holds
    schools unless the command is given --force."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("kind") != "platform" or manifest.get("format") != FORMAT_VERSION:
            raise RestoreError(f"{path.name} is not a platform backup of format {FORMAT_VERSION}")
        with tempfile.TemporaryDirectory() as tmp:
            fixture = Path(tmp) / "data.json"
            fixture.write_bytes(archive.read("data.json"))
            # Empty every table, without post_migrate recreating content types and
            # permissions: the archive holds them, with the ids the rest refers to, as it
            # holds the rows that migrations seed (root page, locales, regions).
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            with _without_vendor_user_receivers():
                call_command("loaddata", str(fixture), verbosity=0)
        for name in archive.namelist():
            if name.startswith("media/") and not name.endswith("/"):
                relative = name.removeprefix("media/")
                if default_storage.exists(relative):
                    default_storage.delete(relative)
                default_storage.save(relative, io.BytesIO(archive.read(name)))
    return manifest


def database_holds_schools():
    from .models import School

    return School.objects.exists()


def prune_backups(keep: int):
    archives = sorted(_backup_dir().glob("mektep-*.zip"))
    for old in archives[:-keep] if keep else archives:
        old.unlink()
