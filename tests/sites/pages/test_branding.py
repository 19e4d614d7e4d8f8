"""Logo and favicon per site: validated, rendered through regions, editable only by the
site's own admins, and the cache follows changes."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from wagtail.images.models import Image
from wagtail.models import GroupSitePermission

import pytest

from sites.pages.models import SiteBranding
from sites.pages.signals import grant_after_migrate

from .content import make_image

pytestmark = pytest.mark.django_db

URL = "/admin/settings/sites_pages/sitebranding/{}/"


def test_admin_sets_logo_and_favicon_shown_on_own_site_only(client, admin_a, school_a, school_b):
    logo = make_image(school_a, "Logo", 800, 240)
    favicon = make_image(school_a, "Icon", 256, 256)
    client.force_login(admin_a)
    response = client.post(URL.format(school_a.site.pk), {"logo": logo.pk, "favicon": favicon.pk})
    assert response.status_code == 302
    client.logout()
    html = client.get("/kk/", HTTP_HOST="school-a.localhost").content.decode()
    assert '<link rel="icon" type="image/png" sizes="32x32"' in html
    assert '<link rel="apple-touch-icon" sizes="180x180"' in html
    # The logo sits in the header link beside the school's name, which names the link: the
    # image itself is decorative (alt=""), so screen readers do not read the name twice.
    assert re.search(
        r'<img class="site-brand__logo" src="[^"]+" width="\d+" height="\d+" alt="">', html
    )
    assert f'<span class="site-name">{school_a.name}</span></a>' in html
    other = client.get("/kk/", HTTP_HOST="school-b.localhost").content.decode()
    assert 'rel="icon"' not in other and "site-brand__logo" not in other


def test_non_square_favicon_refused_with_message_keeping_the_logo(client, admin_a, school_a):
    logo = make_image(school_a, "Logo", 800, 240)
    wide = make_image(school_a, "Wide", 300, 200)
    client.force_login(admin_a)
    with translation.override("en"):
        response = client.post(
            URL.format(school_a.site.pk),
            {"logo": logo.pk, "favicon": wide.pk},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "must be square" in html and "300×200" in html
    assert f'value="{logo.pk}"' in html  # the chosen logo stays chosen
    assert SiteBranding.for_site(school_a.site).favicon is None


def test_other_schools_image_refused(client, admin_a, school_a, school_b):
    foreign = make_image(school_b, "B logo", 400, 120)
    client.force_login(admin_a)
    response = client.post(URL.format(school_a.site.pk), {"logo": foreign.pk, "favicon": ""})
    assert response.status_code == 200
    assert SiteBranding.for_site(school_a.site).logo is None


def test_non_image_upload_refused(client, admin_a, school_a):
    client.force_login(admin_a)
    upload = SimpleUploadedFile("logo.png", b"not really a picture", content_type="image/png")
    response = client.post(
        "/admin/images/add/",
        {"title": "Fake", "file": upload, "collection": school_a.collection.pk},
    )
    assert response.status_code == 200
    assert not Image.objects.filter(title="Fake").exists()


def test_admin_cannot_open_or_change_other_schools_branding(client, admin_a, school_a, school_b):
    SiteBranding.for_site(school_b.site)
    own = make_image(school_a, "Mine", 256, 256)
    client.force_login(admin_a)
    assert client.get(URL.format(school_a.site.pk)).status_code == 200
    assert client.get(URL.format(school_b.site.pk)).status_code in (302, 403, 404)
    response = client.post(URL.format(school_b.site.pk), {"logo": own.pk, "favicon": ""})
    assert response.status_code in (302, 403, 404)
    assert SiteBranding.for_site(school_b.site).logo is None


def test_changing_the_favicon_reaches_cached_pages(client, school_a):
    first = make_image(school_a, "First", 64, 64)
    second = make_image(school_a, "Second", 128, 128)
    branding = SiteBranding.for_site(school_a.site)
    branding.favicon = first
    branding.save()
    before = client.get("/kk/", HTTP_HOST="school-a.localhost").content.decode()
    assert first.get_rendition("fill-32x32|format-png").url in before
    branding.favicon = second
    branding.save()
    after = client.get("/kk/", HTTP_HOST="school-a.localhost").content.decode()
    assert second.get_rendition("fill-32x32|format-png").url in after


def test_site_admin_groups_get_the_branding_permission(client, admin_a, school_a):
    # Schools created before this setting existed get the permission after `migrate`.
    GroupSitePermission.objects.filter(
        permission__codename="change_sitebranding", site=school_a.site
    ).delete()
    client.force_login(admin_a)
    assert client.get(URL.format(school_a.site.pk)).status_code in (302, 403)
    grant_after_migrate(sender=None)
    assert client.get(URL.format(school_a.site.pk)).status_code == 200
