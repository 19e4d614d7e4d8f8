"""Issue 24, finding 2: a model-wide permission of a school's group (e.g. delete_menu) no
longer reaches other schools through Wagtail's bulk actions, the image chooser's
select_format, wagtail-localize's snippet API and translations report, or report filters
that list people. The whole admin is probed in tests/security/test_probing.py; these tests
pin each finding and that the admin's own objects still work."""

from django.utils import translation

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from schools.localization import adopt_translation
from sites.navigation.models import Menu
from sites.pages.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def menus(school_a, school_b):
    return (
        Menu.objects.create(site=school_a.site, location=Menu.Location.FOOTER),
        Menu.objects.create(site=school_b.site, location=Menu.Location.FOOTER),
    )


@pytest.fixture
def staff_b(school_b):
    user = UserFactory(email="secret-staff-b@example.kz", last_name="Секретов")
    assign_role(user, Role.SITE_ADMIN, school=school_b)
    return user


def _bulk(model, action, *ids):
    return f"/admin/bulk/{model}/{action}/?" + "&".join(f"id={pk}" for pk in ids)


def test_bulk_delete_of_another_schools_menu_is_refused_in_the_admins_language(
    client, admin_a, menus
):
    from wagtail.users.models import UserProfile

    from schools.bulk_actions import refusal_message

    menu_a, menu_b = menus
    profile = UserProfile.get_for_user(admin_a)
    profile.preferred_language = "kk"
    profile.save()
    client.force_login(admin_a)
    url = _bulk("sites_navigation/menu", "delete", menu_b.pk)
    refused = client.get(url, follow=True).content.decode()
    assert "school-b" not in refused
    with translation.override("kk"):
        message = refusal_message()
    with translation.override("en"):
        assert message != refusal_message()  # translated, not the English source
    assert message in refused.replace("&#x27;", "'")
    client.post(url)
    assert Menu.objects.filter(pk=menu_b.pk).exists()
    # A mix of own and other ids is refused as a whole: nothing is deleted.
    client.post(_bulk("sites_navigation/menu", "delete", menu_a.pk, menu_b.pk))
    assert Menu.objects.filter(pk__in=[menu_a.pk, menu_b.pk]).count() == 2


def test_bulk_delete_of_own_menu_works_without_a_global_permission(client, admin_a, menus):
    menu_a, menu_b = menus
    client.force_login(admin_a)
    confirm = client.get(_bulk("sites_navigation/menu", "delete", menu_a.pk))
    assert confirm.status_code == 200
    assert "school-b" not in confirm.content.decode()
    client.post(_bulk("sites_navigation/menu", "delete", menu_a.pk))
    assert not Menu.objects.filter(pk=menu_a.pk).exists()
    assert Menu.objects.filter(pk=menu_b.pk).exists()


def test_select_all_pages_under_the_root_keeps_only_own_pages(client, admin_a, school_b):
    from wagtail.models import Page

    root = Page.get_first_root_node()
    client.force_login(admin_a)
    response = client.get(f"/admin/bulk/wagtailcore/page/unpublish/?id=all&childOf={root.pk}")
    assert "school-b" not in response.content.decode()
    client.post(f"/admin/bulk/wagtailcore/page/unpublish/?id=all&childOf={root.pk}")
    assert Page.objects.get(pk=school_b.site.root_page_id).live


def test_image_select_format_of_another_school_is_not_found(client, admin_a, school_b):
    image = Image.objects.create(
        title="B secret image", file=get_test_image_file(), collection=school_b.collection
    )
    client.force_login(admin_a)
    url = f"/admin/images/chooser/{image.pk}/select_format/"
    for response in (
        client.get(url),
        client.post(url, {"image-chooser-insertion-format": "fullwidth"}),
    ):
        assert response.status_code == 404
        assert "B secret image" not in response.content.decode()


def test_report_filters_offer_only_colleagues(client, admin_a, school_a, school_b, staff_b):
    page = ContentPage(title="B page", slug="b-page")
    school_b.site.root_page.add_child(instance=page)
    page.save_revision(user=staff_b, log_action=True).publish()
    ContentPage.objects.filter(pk=page.pk).update(locked=True, locked_by=staff_b)
    colleague = UserFactory(email="colleague-a@example.kz")
    assign_role(colleague, Role.EDITOR, school=school_a)
    own = ContentPage(title="A page", slug="a-page")
    school_a.site.root_page.add_child(instance=own)
    own.save_revision(user=colleague, log_action=True).publish()
    ContentPage.objects.filter(pk=own.pk).update(locked=True, locked_by=colleague)
    client.force_login(admin_a)
    for url in (
        "/admin/reports/locked/",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/workflow/",
        "/admin/localize/reports/translations/",
    ):
        body = client.get(url).content.decode()
        assert "secret-staff-b@example.kz" not in body and "Секретов" not in body, url
    locked = client.get("/admin/reports/locked/").content.decode()
    assert "A page" in locked  # the report still works for the school's own pages


def test_localize_snippet_api_and_translations_report_are_per_school(
    client, admin_a, school_a, school_b, menus
):
    menu_a, menu_b = menus
    page = ContentPage(title="B translated secret", slug="b-tr")
    school_b.site.root_page.add_child(instance=page)
    ru = Locale.objects.get(language_code="ru")
    adopt_translation(page, page.copy_for_translation(ru, copy_parents=True))
    client.force_login(admin_a)
    listing = client.get("/admin/localize/api/snippets/sites_navigation/menu/").json()
    ids = {row["id"] for row in listing["results"]} if "results" in listing else set()
    ids |= {row["id"] for row in listing} if isinstance(listing, list) else set()
    assert menu_a.pk in ids and menu_b.pk not in ids
    detail = client.get(f"/admin/localize/api/snippets/sites_navigation/menu/{menu_b.pk}/")
    assert detail.status_code == 404
    report = client.get("/admin/localize/reports/translations/").content.decode()
    assert "B translated secret" not in report


def test_workflow_report_filters_offer_only_own_schools_workflows(
    client, admin_a, school_a, school_b
):
    from schools.delegation import school_workflow

    own, other = school_workflow(school_a), school_workflow(school_b)
    own_section = ContentPage(title="Own section", slug="own-section")
    school_a.site.root_page.add_child(instance=own_section)
    other_section = ContentPage(title="Other section", slug="other-section")
    school_b.site.root_page.add_child(instance=other_section)
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.create(page=own_section, workflow=own)
    WorkflowPage.objects.create(page=other_section, workflow=other)
    client.force_login(admin_a)
    for url in ("/admin/reports/workflow/", "/admin/reports/workflow_tasks/"):
        body = client.get(url).content.decode()
        assert other.name not in body, url
    assert own.name in client.get("/admin/reports/workflow/").content.decode()
