"""A platform backup restores into an empty database with its content intact; a school
export holds that school only."""

import json
import zipfile

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

import pytest

from accounts.models import RoleAssignment, User
from schools.models import School
from sites.pages.models import ContentPage


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.MEDIA_ROOT


def _content(school, title):
    page = ContentPage(title=title, slug=title.lower().replace(" ", "-"), summary="Ашық есік күні")
    school.site.root_page.add_child(instance=page)
    page.save_revision().publish()
    image = Image.objects.create(
        title=f"{title} photo", file=get_test_image_file(), collection=school.collection
    )
    from django.core.files.base import ContentFile

    document = Document.objects.create(
        title=f"{title} plan",
        file=ContentFile(b"%PDF-1.4 plan", name="plan.pdf"),
        collection=school.collection,
    )
    return page, image, document


# Transactional: the restore flushes the database. What migrations seed comes back for the
# next test through tests/conftest.py's reference data fixture; serialized_rollback would
# collide with the content types that a flush's post_migrate re-creates.
@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database(media, tmp_path, school_a, admin_a):
    page, image, document = _content(school_a, "Open day")
    pages_before = Page.objects.count()
    archive = tmp_path / "out"
    archive.mkdir()
    call_command("backup_create", directory=str(archive), stdout=open("/dev/null", "w"))  # noqa: SIM115
    (path,) = archive.glob("mektep-*.zip")

    call_command("flush", interactive=False, verbosity=0)
    for file in media.rglob("*"):
        if file.is_file():
            file.unlink()
    assert not School.objects.exists()

    call_command("backup_restore", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    school = School.objects.get(slug=school_a.slug)
    assert Page.objects.count() == pages_before
    restored = ContentPage.objects.get(pk=page.pk)
    assert restored.live and restored.summary == "Ашық есік күні"
    assert {p.locale.language_code for p in school.site.root_page.get_translations(True)} == {
        "kk",
        "ru",
        "en",
    }
    with Image.objects.get(pk=image.pk).file.open("rb") as handle:
        assert handle.read(4) == b"\x89PNG"
    with Document.objects.get(pk=document.pk).file.open("rb") as handle:
        assert handle.read() == b"%PDF-1.4 plan"
    user = User.objects.get(email=admin_a.email)
    assert user.check_password("password") or user.has_usable_password()
    assert RoleAssignment.objects.filter(user=user, school=school).exists()
    assert user.groups.filter(school_group__school=school).exists()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_with_schools(media, tmp_path, school_a):
    archive = tmp_path / "out"
    archive.mkdir()
    call_command("backup_create", directory=str(archive), stdout=open("/dev/null", "w"))  # noqa: SIM115
    (path,) = archive.glob("mektep-*.zip")
    with pytest.raises(CommandError, match="already holds schools"):
        call_command("backup_restore", str(path))


@pytest.mark.django_db
def test_school_export_holds_that_school_only(media, tmp_path, school_a, school_b):
    _content(school_a, "A news")
    _content(school_b, "B news")
    archive = tmp_path / "out"
    archive.mkdir()
    call_command(
        "backup_create",
        school=school_a.slug,
        directory=str(archive),
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    (path,) = archive.glob(f"school-{school_a.slug}-*.zip")
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        data = zf.read("data.json").decode()
        names = zf.namelist()
    assert manifest["kind"] == "school" and manifest["school"] == school_a.slug
    assert "A news" in data and "B news" not in data
    assert any(name.startswith("media/original_images/") for name in names)
    assert any(name.endswith(".pdf") for name in names)


@pytest.mark.django_db
def test_nightly_backup_keeps_the_newest(media, settings):
    from schools.tasks import nightly_backup

    settings.BACKUP_KEEP = 2
    for _ in range(3):
        nightly_backup()
    assert len(list(settings.BACKUP_DIR.glob("mektep-*.zip"))) <= 2
