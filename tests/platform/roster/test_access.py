"""The roster's access rules: who sees a named student, aggregates for coordinators, the
access log, and the admin scoped to the school (another school's roster answers 404)."""

import datetime

from django.urls import reverse

import pytest
from security.models import AccessLogEntry

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from roster import access, services

from .conftest import make_person

pytestmark = pytest.mark.django_db


def names(queryset):
    return set(queryset.values_list("first_name", flat=True))


def test_a_parent_sees_only_their_own_child(roster_a, roster_b):
    parent = roster_a["parent"].user
    assert names(access.visible_students(parent)) == {"Ару"}
    assert names(access.children_of(parent)) == {"Ару"}
    assert not access.can_view_student(parent, roster_a["dana"])
    assert not access.can_view_student(parent, roster_b["pupil"])


def test_a_student_sees_themselves_only(roster_a):
    aru = roster_a["aru"]
    aru.user = UserFactory(email="aru@example.kz")
    aru.save()
    assert names(access.visible_students(aru.user)) == {"Ару"}


def test_a_class_teacher_sees_their_own_class_only(roster_a, roster_b):
    teacher = roster_a["teacher"].user
    assert names(access.visible_students(teacher)) == {"Ару", "Дана"}
    # After a transfer out of the class, the former class teacher no longer sees the child.
    services.transfer(roster_a["dana"], roster_b["cls"], datetime.date(2026, 12, 1))
    assert names(access.visible_students(teacher)) == {"Ару"}


def test_school_staff_see_their_school_and_access_moves_with_a_transfer(roster_a, roster_b):
    psychologist_a = UserFactory(email="psy-a@example.kz")
    assign_role(psychologist_a, Role.PSYCHOLOGIST, school=roster_a["school"])
    psychologist_b = UserFactory(email="psy-b@example.kz")
    assign_role(psychologist_b, Role.PSYCHOLOGIST, school=roster_b["school"])
    assert names(access.visible_students(psychologist_a)) == {"Ару", "Дана", "Ерлан"}
    assert names(access.visible_students(psychologist_b)) == {"Тимур"}

    services.transfer(roster_a["dana"], roster_b["cls"], datetime.date(2026, 12, 1))
    assert "Дана" not in names(access.visible_students(psychologist_a))
    assert "Дана" in names(access.visible_students(psychologist_b))


def test_teachers_and_coordinators_see_no_named_student(roster_a, district):
    teacher = UserFactory(email="plain-teacher@example.kz")
    assign_role(teacher, Role.TEACHER, school=roster_a["school"])
    coordinator = UserFactory(email="coord@example.kz")
    assign_role(coordinator, Role.DISTRICT_COORDINATOR, district=district)
    assert not access.visible_students(teacher).exists()
    assert not access.visible_students(coordinator).exists()


def test_aggregates_suppress_cells_under_five():
    counts = {"5А": 12, "5Б": 4, "6А": 1, "7А": 0, "8А": 5}
    assert access.suppress_small_cells(counts) == {
        "5А": 12,
        "5Б": None,
        "6А": None,
        "7А": 0,
        "8А": 5,
    }


def test_reading_a_named_child_is_logged(rf, roster_a):
    request = rf.get("/cabinet/")
    request.user = roster_a["teacher"].user
    access.log_read(request, roster_a["aru"], purpose="class list")
    entry = AccessLogEntry.objects.get()
    assert entry.user == roster_a["teacher"].user
    assert entry.object_id == str(roster_a["aru"].pk)
    assert entry.purpose == "class list"


ADMIN_URLS = [
    ("roster_classes:edit", "five"),
    ("roster_classes:delete", "five"),
    ("roster_students:edit", "aru"),
    ("roster_students:transfer", "aru"),
    ("roster_students:leave", "aru"),
]


@pytest.fixture
def admin_b(roster_b):
    user = UserFactory(email="admin-b@example.kz", is_staff=False)
    assign_role(user, Role.SITE_ADMIN, school=roster_b["school"])
    return user


@pytest.mark.parametrize("name,key", ADMIN_URLS)
def test_another_schools_roster_answers_404(client, roster_a, admin_b, name, key):
    client.force_login(admin_b)
    url = reverse(name, args=[roster_a[key].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404
    assert roster_a[key].__class__.objects.filter(pk=roster_a[key].pk).exists()


def test_admin_listings_show_only_the_own_school(client, roster_a, admin_b, roster_b):
    client.force_login(admin_b)
    students = client.get(reverse("roster_students:index"))
    assert students.status_code == 200
    body = students.content.decode()
    assert "Тимур" in body and "Ару" not in body and "Дана" not in body
    classes = client.get(reverse("roster_classes:index")).content.decode()
    assert "5Б" in classes and "5А" not in classes


def test_admin_adds_a_student_into_a_class(client, roster_a, admin_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("roster_students:add"),
        {
            "last_name": "Жұмабек",
            "first_name": "Айбек",
            "middle_name": "",
            "iin": "",
            "birth_date": "",
            "sex": "M",
            "school_class": roster_a["five"].pk,
            "starts_on": "2026-09-15",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    aibek = roster_a["five"].open_enrolments().get(student__first_name="Айбек")
    assert aibek.starts_on == datetime.date(2026, 9, 15)


def test_admin_cannot_enrol_into_a_full_class(client, roster_a, admin_a):
    services.enrol(make_person(), roster_a["five"], datetime.date(2026, 9, 1))
    client.force_login(admin_a)
    response = client.post(
        reverse("roster_students:add"),
        {
            "last_name": "Жұмабек",
            "first_name": "Айбек",
            "sex": "M",
            "school_class": roster_a["five"].pk,
            "starts_on": "2026-09-15",
        },
    )
    assert response.status_code == 200
    assert "5А" in response.content.decode()
    assert not roster_a["five"].open_enrolments().filter(student__first_name="Айбек").exists()


def test_a_school_never_deletes_a_student_it_records_the_leaving(client, roster_a, admin_a):
    client.force_login(admin_a)
    aru = roster_a["aru"]
    deleted = client.post(reverse("roster_students:delete", args=[aru.pk]))
    assert deleted.status_code in (302, 403) and aru.__class__.objects.filter(pk=aru.pk).exists()
    left = client.post(
        reverse("roster_students:leave", args=[aru.pk]),
        {"reason": "transferred_out", "on_date": "2026-12-20"},
    )
    assert left.status_code == 302
    enrolment = aru.enrolments.get()
    assert (enrolment.ends_on, enrolment.end_reason) == (
        datetime.date(2026, 12, 20),
        "transferred_out",
    )


def test_another_school_admits_the_student_by_iin_and_keeps_one_history(
    client, roster_a, roster_b, admin_a, admin_b
):
    aru = roster_a["aru"]
    client.force_login(admin_b)
    form = {
        "last_name": "Серікова",
        "first_name": "Ару",
        "iin": aru.iin,
        "sex": "F",
        "school_class": roster_b["cls"].pk,
        "starts_on": "2027-01-10",
    }
    refused = client.post(reverse("roster_students:add"), form)
    assert refused.status_code == 200 and not aru.enrolments.filter(school=roster_b["school"])
    services.end_enrolment(aru, datetime.date(2027, 1, 9), "transferred_out")
    admitted = client.post(reverse("roster_students:add"), form)
    assert admitted.status_code == 302
    history = list(aru.enrolments.order_by("starts_on").values_list("school", "start_reason"))
    assert history == [
        (roster_a["school"].pk, "admitted"),
        (roster_b["school"].pk, "transferred_in"),
    ]
    # The first school's admin no longer sees her among its current students' transfers.
    client.force_login(admin_a)
    assert client.get(reverse("roster_students:transfer", args=[aru.pk])).status_code == 404


def test_transfer_to_another_class_from_the_admin(client, roster_a, admin_a):
    five_b = roster_a["five"].__class__.objects.create(
        school=roster_a["school"], academic_year=roster_a["year"], grade=5, letter="Б"
    )
    client.force_login(admin_a)
    url = reverse("roster_students:transfer", args=[roster_a["dana"].pk])
    assert client.post(url, {"school_class": five_b.pk, "on_date": "2026-11-02"}).status_code == 302
    assert roster_a["dana"].open_enrolment().school_class == five_b
