"""Customisation editor: credential gating, validation, revisions + rollback, tenancy, and
custom code served only from the site's own host."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

import pytest

from sites.customisation.credentials import (
    credential_issued,
    has_valid_training,
    issue_site_admin_training,
)
from sites.customisation.models import SiteCustomisation
from sites.customisation.sanitise import validate_css, validate_js
from tests.conftest import ADMIN_HOST

HOST_A = "school-a.localhost"
VALIDATORS = {"custom_css": validate_css, "custom_js": validate_js}


def _post(site, **values):
    data = {
        "site": site.pk,
        "custom_css": "",
        "custom_js": "",
        "header_html": "",
        "footer_html": "",
    }
    data.update(values)
    return data


def _edit_url(custom):
    return reverse("wagtailsnippets_sites_customisation_sitecustomisation:edit", args=[custom.pk])


@pytest.fixture
def custom_a(school_a):
    return SiteCustomisation.objects.create(site=school_a.site, custom_css="body{color:#111}")


@pytest.fixture
def custom_b(school_b):
    return SiteCustomisation.objects.create(
        site=school_b.site, custom_css="/* secret-b */", custom_js="console.log('b')"
    )


def test_credential_function_and_signal(admin_a):
    received = []

    def receiver(sender, credential, **kwargs):
        received.append(credential)

    credential_issued.connect(receiver, weak=False, dispatch_uid="test-receiver")
    assert not has_valid_training(admin_a)
    issue_site_admin_training(admin_a, source="courses")
    issue_site_admin_training(admin_a, source="courses")  # idempotent
    assert has_valid_training(admin_a)
    assert admin_a.training_credentials.count() == 1 and len(received) == 2
    credential_issued.disconnect(dispatch_uid="test-receiver")
    admin_a.training_credentials.update(revoked=True)
    assert not has_valid_training(admin_a)


def test_without_credential_read_only_with_reason(client, admin_a, custom_a):
    client.force_login(admin_a)
    response = client.get(_edit_url(custom_a), HTTP_HOST=ADMIN_HOST)
    assert response.status_code == 200
    html = response.content.decode()
    # the reason, in the admin's language (kk for this user)
    assert "site administrator training" in html or "әкімшісін оқыту" in html
    assert "disabled" in html
    response = client.post(
        _edit_url(custom_a), _post(custom_a.site, custom_css="body{}"), HTTP_HOST=ADMIN_HOST
    )
    # Wagtail turns the refusal into a redirect with the message; nothing is saved.
    assert response.status_code in (302, 403)
    custom_a.refresh_from_db()
    assert custom_a.custom_css == "body{color:#111}"


def test_with_credential_edit_revisions_and_rollback(client, admin_a, custom_a):
    issue_site_admin_training(admin_a)
    client.force_login(admin_a)
    for css in ("body{color:#222}", "body{color:#333}"):
        response = client.post(
            _edit_url(custom_a), _post(custom_a.site, custom_css=css), HTTP_HOST=ADMIN_HOST
        )
        assert response.status_code == 302, response.content.decode()[:1500]
    custom_a.refresh_from_db()
    assert custom_a.custom_css == "body{color:#333}"
    first = custom_a.revisions.order_by("created_at", "pk").first()
    assert first.content["custom_css"] == "body{color:#222}"
    revert = reverse(
        "wagtailsnippets_sites_customisation_sitecustomisation:revisions_revert",
        args=[custom_a.pk, first.pk],
    )
    assert client.get(revert, HTTP_HOST=ADMIN_HOST).status_code == 200
    response = client.post(revert, _post(custom_a.site, custom_css="body{color:#222}"))
    assert response.status_code == 302
    custom_a.refresh_from_db()
    assert custom_a.custom_css == "body{color:#222}"


@pytest.mark.parametrize(
    "field,value",
    [
        ("custom_css", "a{}</style><script>x()</script>"),
        ("custom_js", "var a='</script><img>'"),
        ("custom_css", "a{}" * 30000),
        ("custom_js", "x;" * 40000),
    ],
)
def test_bad_code_refused_with_message(client, admin_a, custom_a, field, value):
    issue_site_admin_training(admin_a)
    client.force_login(admin_a)
    response = client.post(
        _edit_url(custom_a), _post(custom_a.site, **{field: value}), HTTP_HOST=ADMIN_HOST
    )
    assert response.status_code == 200
    html = response.content.decode()
    # The refusal is shown in the admin's language (kk, the platform default), not English.
    with pytest.raises(ValidationError) as refusal, translation.override("kk"):
        VALIDATORS[field](value)
    message = refusal.value.messages[0]
    with translation.override("en"), pytest.raises(ValidationError) as english:
        VALIDATORS[field](value)
    assert message != english.value.messages[0]
    assert escape(message) in html
    # Nothing typed is lost: the refused code is back in its field for correction.
    assert escape(value) in html
    custom_a.refresh_from_db()
    assert custom_a.custom_css == "body{color:#111}"


def test_html_fragments_sanitised_and_never_templates(client, school_a, custom_a):
    custom_a.header_html = '<p onclick="x()">Hi {{ request.user }}<script>alert(1)</script></p>'
    custom_a.footer_html = '<a href="javascript:alert(1)" style="x">Foot</a>'
    custom_a.full_clean()
    custom_a.save()
    html = client.get("/kk/", HTTP_HOST=HOST_A).content.decode()
    assert "Hi {{ request.user }}" in html
    assert "onclick" not in html and "alert(1)" not in html
    assert ">Foot</a>" in html


def test_custom_code_served_from_own_host_only(client, school_a, custom_a, custom_b):
    assert "secret-b" not in client.get("/site-look/custom.css", HTTP_HOST=HOST_A).content.decode()
    css_b = client.get("/site-look/custom.css", HTTP_HOST="school-b.localhost")
    assert "secret-b" in css_b.content.decode()
    assert css_b["Content-Type"].startswith("text/css")
    js_b = client.get("/site-look/custom.js", HTTP_HOST="school-b.localhost")
    assert js_b["Content-Type"].startswith("text/javascript")
    home_a = client.get("/kk/", HTTP_HOST=HOST_A).content.decode()
    assert "/site-look/custom.css" in home_a and "/site-look/custom.js" not in home_a


def test_custom_js_never_in_admin(client, admin_a, custom_a, custom_b):
    issue_site_admin_training(admin_a)
    custom_a.custom_js = "window.evil=1"
    custom_a.save()
    client.force_login(admin_a)
    for url in ("/admin/", _edit_url(custom_a)):
        html = client.get(url, HTTP_HOST=ADMIN_HOST).content.decode()
        assert "/site-look/custom.js" not in html
    preview = reverse(
        "wagtailsnippets_sites_customisation_sitecustomisation:preview_on_edit",
        args=[custom_a.pk],
    )
    client.post(preview, _post(custom_a.site, custom_js="window.evil=1"), HTTP_HOST=ADMIN_HOST)
    html = client.get(preview, HTTP_HOST=ADMIN_HOST).content.decode()
    assert "window.evil" not in html


def test_tenancy_admin_a_cannot_reach_school_b(client, admin_a, custom_a, custom_b):
    issue_site_admin_training(admin_a)
    client.force_login(admin_a)
    listing = client.get(
        reverse("wagtailsnippets_sites_customisation_sitecustomisation:list"), HTTP_HOST=ADMIN_HOST
    ).content.decode()
    assert str(custom_a.site) in listing and str(custom_b.site) not in listing
    assert client.get(_edit_url(custom_b), HTTP_HOST=ADMIN_HOST).status_code in (403, 404)
    response = client.post(
        _edit_url(custom_b), _post(custom_b.site, custom_css="pwned"), HTTP_HOST=ADMIN_HOST
    )
    assert response.status_code in (403, 404)
    delete = reverse(
        "wagtailsnippets_sites_customisation_sitecustomisation:delete", args=[custom_b.pk]
    )
    assert client.post(delete, HTTP_HOST=ADMIN_HOST).status_code in (403, 404)
    custom_b.refresh_from_db()
    assert custom_b.custom_css == "/* secret-b */"


def test_credentials_admin_for_platform_admins_only(client, admin_a):
    client.force_login(admin_a)
    url = reverse("wagtailsnippets_sites_customisation_trainingcredential:list")
    assert client.get(url, HTTP_HOST=ADMIN_HOST).status_code in (302, 403)
