"""Admin screens that show a page before any action, the admin API's media endpoints and
the cross-site report: none of them reveals another school's content."""

from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

import pytest

from sites.pages.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def b_page(school_b):
    page = ContentPage(title="Secret of school B", slug="secret-b")
    school_b.site.root_page.add_child(instance=page)
    return page


@pytest.mark.parametrize(
    "path",
    [
        "/admin/pages/{pk}/",
        "/admin/pages/{pk}/move/",
        "/admin/pages/workflow/confirm_cancellation/{pk}/",
        "/admin/choose-page/{pk}/",
        "/admin/pages/{pk}/history/",
    ],
)
def test_pages_of_another_school_are_not_shown(client, admin_a, b_page, path):
    client.force_login(admin_a)
    response = client.get(path.format(pk=b_page.pk))
    assert response.status_code == 404
    assert "Secret of school B" not in response.content.decode()


def test_own_pages_still_open(client, admin_a, school_a):
    page = ContentPage(title="Our page", slug="ours")
    school_a.site.root_page.add_child(instance=page)
    client.force_login(admin_a)
    assert client.get(f"/admin/pages/{page.pk}/").status_code == 200
    assert client.get(f"/admin/pages/{page.pk}/move/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200  # the root, on the way to ours


def test_page_types_report_is_for_platform_admins(client, admin_a, b_page):
    client.force_login(admin_a)
    assert client.get("/admin/reports/page-types-usage/").status_code == 403


def test_admin_api_lists_only_own_media(client, admin_a, school_a, school_b):
    Image.objects.create(title="A pic", file=get_test_image_file(), collection=school_a.collection)
    Image.objects.create(title="B pic", file=get_test_image_file(), collection=school_b.collection)
    for school, title in ((school_a, "A doc"), (school_b, "B doc")):
        Document.objects.create(
            title=title, file=ContentFile(b"%PDF-1.4", name="d.pdf"), collection=school.collection
        )
    client.force_login(admin_a)
    images = client.get("/admin/api/main/images/").content.decode()
    documents = client.get("/admin/api/main/documents/").content.decode()
    assert "A pic" in images and "B pic" not in images
    assert "A doc" in documents and "B doc" not in documents
