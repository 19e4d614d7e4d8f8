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
