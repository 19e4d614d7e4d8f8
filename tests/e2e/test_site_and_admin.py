"""What a person does: open a school site, switch kk -> ru -> en, log into the admin."""

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _school_url(live_server, school, path):
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://{school.site.hostname}:{port}{path}"


def test_switch_languages_and_log_into_admin(live_server, page, school_a):
    page.goto(_school_url(live_server, school_a, "/kk/"))
    assert page.locator("html").get_attribute("lang") == "kk"
    assert school_a.name_kk in page.content()

    page.click("nav.language-switcher a[hreflang=ru]")
    page.wait_for_url("**/ru/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == school_a.name_ru

    page.click("nav.language-switcher a[hreflang=en]")
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == school_a.name_en

    admin = UserFactory(email="browser-admin@example.kz", password="Browser-pass-123")
    assign_role(admin, Role.SITE_ADMIN, school=school_a)
    from allauth.account.models import EmailAddress

    # allauth's login (the only one, issue 24) wants a verified address.
    EmailAddress.objects.update_or_create(
        user=admin, email=admin.email, defaults={"verified": True, "primary": True}
    )
    # /admin/login/ sends to allauth's login (issue 24: the one that asks for MFA).
    page.goto(_school_url(live_server, school_a, "/admin/login/"))
    page.fill("input[name=login]", "browser-admin@example.kz")
    page.fill("input[name=password]", "Browser-pass-123")
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/admin/")
    assert page.locator("main").count() == 1
    assert "login" not in page.url
