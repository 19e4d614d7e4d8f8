"""The demo roster fills a school with a believable year, and the yearly rollover moves a
whole such school up: every class, every student, the graduates leave, nothing is lost."""

import random

from django.db.models import Count

import pytest

from accounts.factories import UserFactory
from roster import demo, services
from roster.models import AcademicYear, Enrolment, Person, SchoolClass

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_school(school_a):
    for email in demo.DEMO_ACCOUNTS.values():
        UserFactory(email=email)
    demo.populate(school_a, random.Random(7))
    return school_a


def test_demo_school_has_classes_students_parents_and_staff(demo_school):
    classes = SchoolClass.objects.filter(school=demo_school)
    assert classes.count() == 22  # grades 1-11, letters А and Б
    students = Enrolment.objects.filter(school=demo_school, ends_on__isnull=True)
    assert 300 <= students.count() <= 22 * 22
    assert not classes.annotate(n=Count("enrolments")).filter(n__gt=25).exists()
    assert Person.objects.filter(wards__isnull=False).count() >= students.count()
    assert demo_school.employments.filter(position="psychologist").exists()
    assert all(c.class_teacher_id for c in classes)
    # Names are Kazakh or Russian, IINs valid and unique (the model validates them).
    for person in Person.objects.all()[:50]:
        person.full_clean()
    # The demo accounts are people of the school with the people's names.
    teacher = Person.objects.get(user__email=demo.DEMO_ACCOUNTS["class_teacher"])
    assert teacher.classes_led.filter(grade=5).exists()
    assert teacher.user.last_name == teacher.last_name
    student = Person.objects.get(user__email=demo.DEMO_ACCOUNTS["student"])
    parent = Person.objects.get(user__email=demo.DEMO_ACCOUNTS["parent"])
    assert student.guardians.filter(guardian=parent).exists()


def test_demo_is_idempotent(demo_school):
    counts = (Person.objects.count(), Enrolment.objects.count())
    demo.populate(demo_school, random.Random(7))
    assert (Person.objects.count(), Enrolment.objects.count()) == counts


def test_rollover_of_a_full_demo_school(demo_school):
    year = AcademicYear.current_for(demo_school)
    open_before = Enrolment.objects.filter(school=demo_school, ends_on__isnull=True)
    total = open_before.count()
    graduates = open_before.filter(school_class__grade=11).count()
    plan = services.rollover(demo_school, year)
    assert (plan.moving, plan.graduating) == (total - graduates, graduates)

    next_year = AcademicYear.objects.get(region=None, start_year=year.start_year + 1)
    now_open = Enrolment.objects.filter(school=demo_school, ends_on__isnull=True)
    assert now_open.count() == total - graduates
    assert not now_open.exclude(school_class__academic_year=next_year).exists()
    assert not SchoolClass.objects.filter(academic_year=next_year, grade=1).exists()
    assert SchoolClass.objects.filter(academic_year=next_year, grade=11).count() == 2
    # Nothing lost: every old enrolment is still there, ended with its reason.
    ended = Enrolment.objects.filter(school=demo_school, school_class__academic_year=year)
    assert ended.count() == total
    assert set(ended.values_list("end_reason", flat=True)) == {"moved_up", "graduated"}
