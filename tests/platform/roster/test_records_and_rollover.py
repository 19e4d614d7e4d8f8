"""Roster records and the changes that touch several of them: enrolment rules, transfers that
keep history, the yearly rollover, the working-day calendar."""

import datetime

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import translation

import pytest

from roster import calendar, services
from roster.models import AcademicYear, Enrolment, Person, PublicHoliday, SchoolClass

from .conftest import make_iin, make_person

pytestmark = pytest.mark.django_db


def test_person_takes_birth_date_and_sex_from_the_iin():
    iin = make_iin(datetime.date(2013, 11, 4), female=True)
    person = Person(last_name="Қасымова", first_name="Іңкәр", iin=iin)
    person.full_clean()
    assert person.birth_date == datetime.date(2013, 11, 4)
    assert person.sex == Person.Sex.FEMALE


def test_invalid_iin_and_mismatching_birth_date_are_refused_in_kazakh():
    with translation.override("kk"):
        with pytest.raises(ValidationError) as bad:
            Person(last_name="А", first_name="Б", iin="123456789012").full_clean()
        assert "ЖСН" in str(bad.value.message_dict["iin"])
    iin = make_iin(datetime.date(2013, 11, 4))
    with pytest.raises(ValidationError) as mismatch:
        Person(
            last_name="А", first_name="Б", iin=iin, birth_date=datetime.date(2013, 11, 5)
        ).full_clean()
    assert "birth_date" in mismatch.value.message_dict


def test_iin_is_unique_platform_wide_but_many_people_have_none():
    iin = make_iin()
    make_person(iin=iin)
    make_person(iin=None)
    make_person(iin="")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_person(iin=iin)


def test_a_full_class_refuses_one_more_and_nothing_is_stored(roster_a):
    five = roster_a["five"]
    services.enrol(make_person(), five, datetime.date(2026, 9, 1))  # third of 3 places
    newcomer = make_person()
    with translation.override("ru"), pytest.raises(ValidationError) as full:
        services.enrol(newcomer, five, datetime.date(2026, 9, 2))
    assert "3" in str(full.value) and five.name in str(full.value)
    assert not newcomer.enrolments.exists()


def test_a_second_open_enrolment_is_refused(roster_a, roster_b):
    with pytest.raises(ValidationError) as overlap:
        services.enrol(roster_a["dana"], roster_b["cls"], datetime.date(2026, 10, 1))
    assert "overlapping_enrolment" in [e.code for e in overlap.value.error_dict["__all__"]]
    assert roster_a["dana"].enrolments.count() == 1


def test_an_overlapping_closed_enrolment_is_refused(roster_a):
    dana = roster_a["dana"]
    past = Enrolment(
        student=dana,
        school=roster_a["school"],
        school_class=roster_a["eleven"],
        starts_on=datetime.date(2026, 8, 1),
        ends_on=datetime.date(2026, 9, 10),
    )
    with pytest.raises(ValidationError):
        past.full_clean()


def test_transfer_between_schools_keeps_history(roster_a, roster_b):
    dana = roster_a["dana"]
    new = services.transfer(dana, roster_b["cls"], datetime.date(2027, 1, 10))
    history = list(dana.enrolments.order_by("starts_on"))
    assert [e.school for e in history] == [roster_a["school"], roster_b["school"]]
    assert history[0].ends_on == datetime.date(2027, 1, 9)
    assert history[0].end_reason == Enrolment.EndReason.TRANSFERRED_OUT
    assert new.start_reason == Enrolment.StartReason.TRANSFERRED_IN
    assert dana.open_enrolment().school_class == roster_b["cls"]


def test_transfer_within_the_school_is_a_class_change(roster_a):
    five_b = SchoolClass.objects.create(
        school=roster_a["school"], academic_year=roster_a["year"], grade=5, letter="Б"
    )
    services.transfer(roster_a["aru"], five_b, datetime.date(2026, 11, 1))
    old, new = roster_a["aru"].enrolments.order_by("starts_on")
    assert old.end_reason == Enrolment.EndReason.CLASS_CHANGED
    assert new.start_reason == Enrolment.StartReason.CLASS_CHANGED


def test_rollover_preview_changes_nothing_and_rollover_moves_everyone_once(roster_a):
    school, year = roster_a["school"], roster_a["year"]
    plan = services.plan_rollover(school, year)
    assert (plan.moving, plan.graduating) == (2, 1)
    assert [m.target_name for m in plan.moves] == ["6А", ""]
    assert Enrolment.objects.filter(ends_on__isnull=False).count() == 0

    services.rollover(school, year)
    services.rollover(school, year)  # a second run changes nothing

    next_year = AcademicYear.objects.get(region=None, start_year=2027)
    six = SchoolClass.objects.get(school=school, academic_year=next_year, grade=6, letter="А")
    assert six.class_teacher == roster_a["teacher"]
    assert set(six.open_enrolments().values_list("student", flat=True)) == {
        roster_a["aru"].pk,
        roster_a["dana"].pk,
    }
    erlan = roster_a["erlan"]
    assert erlan.open_enrolment() is None
    assert erlan.enrolments.get().end_reason == Enrolment.EndReason.GRADUATED
    # Last year's class list is still what it was.
    assert roster_a["five"].enrolments.count() == 2
    assert Enrolment.objects.count() == 5


def test_rollover_command_previews_then_applies(roster_a, capsys):
    call_command("roster_rollover", roster_a["school"].slug, "2026")
    out = capsys.readouterr().out
    assert "5А" in out and "6А" in out
    assert not SchoolClass.objects.filter(grade=6).exists()
    call_command("roster_rollover", roster_a["school"].slug, "2026", "--apply")
    assert SchoolClass.objects.filter(grade=6).count() == 1


def test_region_sets_its_own_year_else_the_national_default(school_a):
    region = school_a.district.region
    national = AcademicYear.current_for(school_a, datetime.date(2027, 2, 1))
    assert (national.region, national.starts_on) == (None, datetime.date(2026, 9, 1))
    own = AcademicYear.objects.create(
        region=region,
        start_year=2027,
        starts_on=datetime.date(2027, 9, 2),
        ends_on=datetime.date(2028, 5, 25),
    )
    assert AcademicYear.current_for(school_a, datetime.date(2027, 10, 1)) == own


def test_working_days_follow_holidays_and_transfers(db):
    # 2026: 16-17 December are Independence Day (Wednesday, Thursday); a transfer makes
    # Saturday 19 December a working day and Friday 18 December a day off.
    for day, kind in (
        (datetime.date(2026, 12, 16), PublicHoliday.Kind.HOLIDAY),
        (datetime.date(2026, 12, 17), PublicHoliday.Kind.HOLIDAY),
        (datetime.date(2026, 12, 18), PublicHoliday.Kind.DAY_OFF),
        (datetime.date(2026, 12, 19), PublicHoliday.Kind.WORKING_DAY),
    ):
        PublicHoliday.objects.create(date=day, kind=kind)
    tuesday = datetime.date(2026, 12, 15)
    assert not calendar.is_working_day(datetime.date(2026, 12, 16))
    assert calendar.is_working_day(datetime.date(2026, 12, 19))
    # Saturday 19th, then Monday 21st.
    assert calendar.add_working_days(tuesday, 2) == datetime.date(2026, 12, 21)
    assert calendar.working_days_between(tuesday, datetime.date(2026, 12, 21)) == 2


def test_organisations_serve_their_territory_and_employ_their_own_staff(school_a, school_b):
    from roster.models import Employment, Organisation

    district = school_a.district
    centre = Organisation(
        kind=Organisation.Kind.PSYCH_CENTRE,
        name_kk="Психологиялық-педагогикалық қолдау орталығы",
        name_ru="Центр психолого-педагогической поддержки",
        region=district.region,
        district=district,
    )
    centre.full_clean()
    centre.save()
    assert set(centre.schools()) == {school_a, school_b}
    department = Organisation(
        kind=Organisation.Kind.DISTRICT_DEPARTMENT,
        name_kk="Білім бөлімі",
        name_ru="Отдел образования",
        region=district.region,
    )
    with pytest.raises(ValidationError):
        department.full_clean()
    psychologist = make_person("Оспанова", "Жансая", female=True)
    Employment.objects.create(
        person=psychologist, organisation=centre, position="centre_psychologist"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Employment.objects.create(
            person=psychologist, school=school_a, organisation=centre, position="teacher"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Employment.objects.create(person=psychologist, position="teacher")


def test_national_school_code_is_digits_and_unique(school_a, school_b):
    school_a.national_code = "12AB"
    with pytest.raises(ValidationError):
        school_a.full_clean()
    school_a.national_code = "351000123"
    school_a.save()
    school_b.national_code = ""
    school_b.save()  # many schools without a code yet
    school_b.national_code = "351000123"
    with pytest.raises(IntegrityError), transaction.atomic():
        school_b.save()
