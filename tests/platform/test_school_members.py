"""School administrators manage their school's members and delegate sections to
contributors, who submit for approval; nothing reaches another school."""

from wagtail.models import Page, WorkflowState

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.models import RoleAssignment
from accounts.roles import Role
from schools.models import Delegation
from sites.pages.models import ContentPage
from tests.conftest import ADMIN_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_b(school_b):
    user = UserFactory(email="teacher-b@example.kz")
    assign_role(user, Role.TEACHER, school=school_b)
    return user


def test_admin_adds_a_member_by_email(client, admin_a, school_a):
    person = UserFactory(email="new.teacher@example.kz")
    client.force_login(admin_a)
    response = client.post(
        "/admin/school_members/new/",
        {"user": "New.Teacher@example.kz", "role": Role.TEACHER, "school": school_a.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RoleAssignment.objects.filter(user=person, role=Role.TEACHER, school=school_a).exists()


def test_unknown_email_gets_a_clear_message_in_kazakh(client, admin_a, school_a):
    client.force_login(admin_a)
    response = client.post(
        "/admin/school_members/new/",
        {"user": "nobody@example.kz", "role": Role.TEACHER, "school": school_a.pk},
        HTTP_ACCEPT_LANGUAGE="kk",
    )
    assert response.status_code == 200
    assert "nobody@example.kz" in response.content.decode()  # what was typed stays


def test_admin_cannot_see_or_change_other_schools_members(
    client, admin_a, school_a, school_b, teacher_b
):
    assignment = RoleAssignment.objects.get(user=teacher_b)
    client.force_login(admin_a)
    listing = client.get("/admin/school_members/").content.decode()
    assert "teacher-b@example.kz" not in listing
    assert client.get(f"/admin/school_members/edit/{assignment.pk}/").status_code in (403, 404)
    assert client.post(f"/admin/school_members/delete/{assignment.pk}/").status_code in (403, 404)
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    # Nor can they give themselves a role in school B through the form.
    response = client.post(
        "/admin/school_members/new/",
        {"user": admin_a.email, "role": Role.SITE_ADMIN, "school": school_b.pk},
    )
    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(user=admin_a, school=school_b).exists()


def test_teacher_cannot_open_the_members_admin(client, school_a):
    teacher = UserFactory()
    assign_role(teacher, Role.TEACHER, school=school_a)
    client.force_login(teacher)
    assert client.get("/admin/school_members/").status_code in (302, 403)


def test_contributor_edits_a_section_and_the_admin_publishes(client, admin_a, school_a):
    section = ContentPage(title="Clubs", slug="clubs")
    school_a.site.root_page.add_child(instance=section)
    contributor = UserFactory(email="student@example.kz")
    assign_role(contributor, Role.STUDENT, school=school_a)

    client.force_login(admin_a)
    response = client.post(
        "/admin/delegations/new/",
        {
            "user": contributor.email,
            "school": school_a.pk,
            "section": section.pk,
            "areas": ["images"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    delegation = Delegation.objects.get(user=contributor)
    assert delegation.created_by == admin_a

    client.force_login(contributor)
    add_url = f"/admin/pages/add/sites_pages/contentpage/{section.pk}/"
    assert client.get(add_url).status_code == 200
    # Outside the section: refused.
    assert client.get(
        f"/admin/pages/add/sites_pages/contentpage/{school_a.site.root_page.pk}/"
    ).status_code in (302, 403)
    response = client.post(
        add_url,
        {
            "title": "Chess club",
            "slug": "chess",
            "summary": "",
            "body-count": "0",
            "action-publish": "1",
        },
    )
    page = ContentPage.objects.get(slug="chess")
    assert not page.live, "a contributor must not publish"
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            "title": "Chess club",
            "slug": "chess",
            "summary": "",
            "body-count": "0",
            "action-submit": "1",
        },
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(admin_a)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    assert Page.objects.get(pk=page.pk).live


def test_revoking_removes_the_rights(client, admin_a, school_a):
    section = ContentPage(title="News of clubs", slug="club-news")
    school_a.site.root_page.add_child(instance=section)
    contributor = UserFactory()
    delegation = Delegation.objects.create(
        school=school_a, user=contributor, section=section, created_by=admin_a
    )
    client.force_login(contributor)
    add_url = f"/admin/pages/add/sites_pages/contentpage/{section.pk}/"
    assert client.get(add_url).status_code == 200
    client.force_login(admin_a)
    assert client.post(f"/admin/delegations/delete/{delegation.pk}/").status_code == 302
    client.force_login(contributor)
    assert client.get(add_url).status_code in (302, 403, 404)


def test_delegation_of_other_school_is_not_reachable(client, admin_a, school_b):
    section = ContentPage(title="B section", slug="b-section")
    school_b.site.root_page.add_child(instance=section)
    delegation = Delegation.objects.create(school=school_b, user=UserFactory(), section=section)
    client.force_login(admin_a)
    assert client.get(f"/admin/delegations/edit/{delegation.pk}/").status_code in (403, 404)
    assert "B section" not in client.get("/admin/delegations/").content.decode()


def test_my_roles_page_lists_the_users_roles(client, school_a):
    teacher = UserFactory()
    assign_role(teacher, Role.TEACHER, school=school_a)
    client.force_login(teacher)
    response = client.get("/en/accounts/roles/", HTTP_HOST=ADMIN_HOST)
    assert response.status_code == 200
    assert str(Role.TEACHER.label) in response.content.decode()
