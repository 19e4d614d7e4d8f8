"""An admin of school A gets 403/404 for school B's objects through the admin."""

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

import pytest

from schools.models import SchoolSiteSettings

pytestmark = pytest.mark.django_db


def test_admin_edits_own_pages_not_others(client, admin_a, school_a, school_b):
    client.force_login(admin_a)
    own = school_a.site.root_page
    other = school_b.site.root_page
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code in (302, 403, 404)


def test_explorer_does_not_list_other_schools_pages(client, admin_a, school_a, school_b):
    from sites.pages.models import ContentPage

    secret = ContentPage(title="Only school B knows", slug="b-secret")
    school_b.site.root_page.add_child(instance=secret)
    client.force_login(admin_a)
    response = client.get(f"/admin/pages/{school_b.site.root_page.pk}/")
    assert "Only school B knows" not in response.content.decode()


def test_admin_cannot_edit_other_schools_images(client, admin_a, school_a, school_b):
    image = Image.objects.create(
        title="B only", file=get_test_image_file(), collection=school_b.collection
    )
    client.force_login(admin_a)
    assert client.get(f"/admin/images/{image.pk}/").status_code in (302, 403, 404)
    chooser = client.get("/admin/images/chooser/").content.decode()
    assert "B only" not in chooser


def test_admin_cannot_edit_other_schools_settings(client, admin_a, school_a, school_b):
    SchoolSiteSettings.for_site(school_b.site)
    client.force_login(admin_a)
    url = "/admin/settings/mektep_schools/schoolsitesettings/{}/"
    assert client.get(url.format(school_a.site.pk)).status_code == 200
    assert client.get(url.format(school_b.site.pk)).status_code in (302, 403, 404)


def _document(school, title):
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    return Document.objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n", name="b.pdf"), collection=school.collection
    )


def test_admin_cannot_reach_other_schools_documents(client, admin_a, school_a, school_b):
    own = _document(school_a, "A minutes")
    other = _document(school_b, "B minutes")
    client.force_login(admin_a)
    assert client.get(f"/admin/documents/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/documents/edit/{other.pk}/").status_code in (302, 403, 404)
    assert client.post(f"/admin/documents/delete/{other.pk}/").status_code in (302, 403, 404)
    assert type(other).objects.filter(pk=other.pk).exists()
    listing = client.get("/admin/documents/").content.decode()
    assert "A minutes" in listing and "B minutes" not in listing
    chooser = client.get("/admin/documents/chooser/").content.decode()
    assert "A minutes" in chooser and "B minutes" not in chooser


def test_admin_cannot_delete_or_move_other_schools_pages(client, admin_a, school_a, school_b):
    from sites.pages.models import ContentPage

    page = ContentPage(title="B page", slug="b-page")
    school_b.site.root_page.add_child(instance=page)
    client.force_login(admin_a)
    assert client.post(f"/admin/pages/{page.pk}/delete/").status_code in (302, 403, 404)
    assert ContentPage.objects.filter(pk=page.pk).exists()
    assert client.get(f"/admin/pages/{page.pk}/move/").status_code in (302, 403, 404)
    assert client.get(f"/admin/pages/add/sites_pages/contentpage/{page.pk}/").status_code in (
        302,
        403,
        404,
    )


def test_page_chooser_does_not_browse_other_schools(client, admin_a, school_a, school_b):
    from sites.pages.models import ContentPage

    school_b.site.root_page.add_child(instance=ContentPage(title="B hidden", slug="b-hidden"))
    client.force_login(admin_a)
    response = client.get(f"/admin/choose-page/{school_b.site.root_page.pk}/")
    assert "B hidden" not in response.content.decode()
    search = client.get("/admin/choose-page/search/", {"q": "hidden"})
    assert "B hidden" not in search.content.decode()


def test_image_edit_and_delete_refused_for_other_school(client, admin_a, school_b):
    image = Image.objects.create(
        title="B photo", file=get_test_image_file(), collection=school_b.collection
    )
    client.force_login(admin_a)
    assert client.post(f"/admin/images/{image.pk}/delete/").status_code in (302, 403, 404)
    assert Image.objects.filter(pk=image.pk).exists()
    listing = client.get("/admin/images/").content.decode()
    assert "B photo" not in listing
