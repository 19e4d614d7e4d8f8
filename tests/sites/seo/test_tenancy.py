"""An admin of school A reaches neither school B's SEO settings nor B's pages' images."""

import pytest

from sites.pages.models import ContentPage
from sites.seo.models import PageSeo, SeoSettings

pytestmark = pytest.mark.django_db

SETTINGS_URL = "/admin/settings/sites_seo/seosettings/{}/"


def test_admin_edits_own_seo_settings_only(client, admin_a, school_a, school_b):
    SeoSettings.for_site(school_b.site)
    client.force_login(admin_a)
    assert client.get(SETTINGS_URL.format(school_a.site.pk)).status_code == 200
    assert client.get(SETTINGS_URL.format(school_b.site.pk)).status_code in (302, 403, 404)
    response = client.post(SETTINGS_URL.format(school_b.site.pk), {"ga4_id": "G-HACKED123"})
    assert response.status_code in (302, 403, 404)
    assert SeoSettings.for_site(school_b.site).ga4_id == ""


def test_invalid_id_in_admin_keeps_input_and_says_why(client, admin_a, school_a):
    client.force_login(admin_a)
    response = client.post(
        SETTINGS_URL.format(school_a.site.pk),
        {"ga4_id": "UA-12345-1", "gtm_id": "GTM-K2L3M4", "robots_extra": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "G-XXXXXXXXXX" in html
    assert 'value="UA-12345-1"' in html and 'value="GTM-K2L3M4"' in html
    assert SeoSettings.for_site(school_a.site).gtm_id == ""


def test_page_image_view_is_scoped(client, admin_a, school_a, school_b, image_a):
    own = ContentPage(title="A page", slug="a-page")
    school_a.site.root_page.add_child(instance=own)
    other = ContentPage(title="B page", slug="b-page")
    school_b.site.root_page.add_child(instance=other)
    client.force_login(admin_a)
    url = "/admin/seo/pages/{}/image/"
    assert client.get(url.format(own.pk)).status_code == 200
    # Another school's page is not there for this admin: schools.admin_guard answers 404 for
    # every admin URL naming it, as schools.tenancy does for every other school record.
    assert client.get(url.format(other.pk)).status_code == 404
    assert client.post(url.format(other.pk), {"og_image": image_a.pk}).status_code == 404
    assert not PageSeo.objects.filter(page=other).exists()
    response = client.post(url.format(own.pk), {"og_image": image_a.pk})
    assert response.status_code == 302
    assert PageSeo.objects.get(page=own).og_image == image_a


def test_page_image_refuses_other_schools_image(client, admin_a, school_a, school_b):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    foreign = Image.objects.create(
        title="B image", file=get_test_image_file(), collection=school_b.collection
    )
    own = ContentPage(title="A page", slug="a-page")
    school_a.site.root_page.add_child(instance=own)
    client.force_login(admin_a)
    response = client.post(f"/admin/seo/pages/{own.pk}/image/", {"og_image": foreign.pk})
    assert response.status_code == 200
    assert not PageSeo.objects.filter(page=own, og_image=foreign).exists()


def test_page_edit_header_offers_sharing_image(client, admin_a, school_a):
    own = ContentPage(title="A page", slug="a-page")
    school_a.site.root_page.add_child(instance=own)
    client.force_login(admin_a)
    html = client.get(f"/admin/pages/{own.pk}/edit/").content.decode()
    assert f"/admin/seo/pages/{own.pk}/image/" in html
