"""Point 2 in a real browser: the admin dashboard, the page editor and a public page load
under the Content-Security-Policy without a single violation in the console."""

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def reference_regions(transactional_db):
    # An earlier transactional test's flush removes the regions that migrations load.
    from schools.models import Region
    from schools.reference import load_regions

    if not Region.objects.exists():
        load_regions(Region)


def _url(live_server, school, path):
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://{school.site.hostname}:{port}{path}"


def test_no_csp_violations_in_admin_and_public_pages(
    live_server, page, reference_regions, school_a
):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.goto(_url(live_server, school_a, "/kk/"))
    page.wait_for_load_state("networkidle")

    admin = UserFactory(email="csp-admin@example.kz", password="Browser-pass-123")
    assign_role(admin, Role.SITE_ADMIN, school=school_a)
    from allauth.account.models import EmailAddress

    # allauth's login (the only one, issue 24) wants a verified address.
    EmailAddress.objects.update_or_create(
        user=admin, email=admin.email, defaults={"verified": True, "primary": True}
    )
    # /admin/login/ sends to allauth's login (issue 24: the one that asks for MFA).
    page.goto(_url(live_server, school_a, "/admin/login/"))
    page.fill("input[name=login]", "csp-admin@example.kz")
    page.fill("input[name=password]", "Browser-pass-123")
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/admin/")
    page.wait_for_load_state("networkidle")
    home = school_a.site.root_page
    page.goto(_url(live_server, school_a, f"/admin/pages/{home.pk}/edit/"))
    page.wait_for_load_state("networkidle")
    assert page.locator("form").count() >= 1
    assert not violations, violations
