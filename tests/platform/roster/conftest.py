"""Roster fixtures: a small school year with classes, students, a parent and staff."""

import datetime
import itertools

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.identity_numbers import control_digit
from accounts.roles import Role
from roster import services
from roster.models import AcademicYear, Employment, Guardianship, Person, Position, SchoolClass

_serial = itertools.count(1)


def make_iin(birth=datetime.date(2014, 3, 15), female=False):
    """A valid IIN (test data only: the checksum itself is tested against published numbers
    in tests/platform/test_identity_numbers.py)."""
    while True:
        century = (5 if birth.year >= 2000 else 3) + (1 if female else 0)
        prefix = f"{birth:%y%m%d}{century}{next(_serial) % 10000:04d}"
        digit = control_digit(prefix)
        if digit is not None:
            return prefix + str(digit)


def make_person(last="Сейітқали", first="Әлия", **kwargs):
    kwargs.setdefault("iin", make_iin(female=kwargs.pop("female", False)))
    return Person.objects.create(last_name=last, first_name=first, **kwargs)


@pytest.fixture
def year_2026(db):
    return AcademicYear.objects.create(
        start_year=2026,
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 5, 31),
    )


@pytest.fixture
def roster_a(school_a, year_2026):
    """School A: 5А with two students, 11А with one; a class teacher with an account; a
    parent of the first student with an account."""
    teacher = make_person("Ахметова", "Гүлнар", female=True)
    teacher.user = UserFactory(email="teacher-a@example.kz")
    teacher.save()
    assign_role(teacher.user, Role.CLASS_TEACHER, school=school_a)
    Employment.objects.create(
        person=teacher, school=school_a, position=Position.TEACHER, subjects="математика"
    )
    five = SchoolClass.objects.create(
        school=school_a,
        academic_year=year_2026,
        grade=5,
        letter="А",
        class_teacher=teacher,
        capacity=3,
    )
    eleven = SchoolClass.objects.create(
        school=school_a, academic_year=year_2026, grade=11, letter="А"
    )
    start = datetime.date(2026, 9, 1)
    aru = make_person("Серікова", "Ару", female=True)
    dana = make_person("Нұрланова", "Дана", female=True)
    erlan = make_person("Бекұлы", "Ерлан", iin=make_iin(datetime.date(2008, 1, 2)))
    for student, cls in ((aru, five), (dana, five), (erlan, eleven)):
        services.enrol(student, cls, start)
    parent = make_person("Серікова", "Мадина", female=True, iin=make_iin(datetime.date(1985, 6, 1)))
    parent.user = UserFactory(email="parent-a@example.kz")
    parent.save()
    Guardianship.objects.create(guardian=parent, child=aru, relation="mother")
    return {
        "school": school_a,
        "year": year_2026,
        "five": five,
        "eleven": eleven,
        "teacher": teacher,
        "aru": aru,
        "dana": dana,
        "erlan": erlan,
        "parent": parent,
    }


@pytest.fixture
def roster_b(school_b, year_2026):
    cls = SchoolClass.objects.create(school=school_b, academic_year=year_2026, grade=5, letter="Б")
    pupil = make_person("Ғабитов", "Тимур")
    services.enrol(pupil, cls, datetime.date(2026, 9, 1))
    return {"school": school_b, "cls": cls, "pupil": pupil}
