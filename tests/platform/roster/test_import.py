"""Bulk import and export of students with parents: the dry run changes nothing, a file with
any error changes nothing and names each row's problem in the admin's language, import ->
export -> import is a no-op, and the admin screens are scoped to the school."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

import openpyxl
import pytest

from roster.importer import ImportFileError, export_students_csv, import_students
from roster.models import Enrolment, Guardianship, Person, SchoolClass

from .conftest import make_iin

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 10, 1)
HEAD = "Фамилия;Имя;Отчество;ИИН;Дата рождения;Пол;Класс;ФИО родителя;ИИН родителя;Кем приходится"


@pytest.fixture
def classes(roster_a):
    six = SchoolClass.objects.create(
        school=roster_a["school"], academic_year=roster_a["year"], grade=6, letter="Ә", capacity=30
    )
    roster_a["five"].capacity = 30
    roster_a["five"].save()
    return {"five": roster_a["five"], "six": six}


def csv_file(lines, encoding="utf-8"):
    return io.BytesIO("\n".join([HEAD, *lines]).encode(encoding))


def students_csv():
    boy = make_iin(datetime.date(2014, 5, 2))
    girl = make_iin(datetime.date(2013, 1, 20), female=True)
    mother = make_iin(datetime.date(1986, 7, 7), female=True)
    return [
        f"Әлімжанов;Нұрсұлтан;Бауыржанұлы;{boy};02.05.2014;М;5А;"
        f"Әлімжанова Гүлмира Серікқызы;{mother};мать",
        f"Иванова;Мария;Петровна;{girl};20.01.2013;Ж;6 «Ә»;;;",
        "Серік;Айым;;;;ж;6-Ә;Серік Болат;;отец",
    ]


def test_dry_run_reports_and_changes_nothing(roster_a, classes):
    before = (Person.objects.count(), Enrolment.objects.count())
    report = import_students(roster_a["school"], csv_file(students_csv()), today=TODAY)
    assert report.ok and (report.created, report.updated) == (3, 0)
    assert (Person.objects.count(), Enrolment.objects.count()) == before


def test_import_then_export_then_import_is_a_no_op(roster_a, classes):
    school = roster_a["school"]
    applied = import_students(school, csv_file(students_csv()), apply=True, today=TODAY)
    assert applied.applied and applied.created == 3
    nursultan = Person.objects.get(first_name="Нұрсұлтан")
    assert nursultan.open_enrolment().school_class == classes["five"]
    assert nursultan.guardians.get().guardian.full_name == "Әлімжанова Гүлмира Серікқызы"
    assert nursultan.guardians.get().relation == "mother"
    assert Person.objects.get(first_name="Айым").open_enrolment().school_class == classes["six"]

    counts = (Person.objects.count(), Enrolment.objects.count(), Guardianship.objects.count())
    exported = export_students_csv(school, today=TODAY).encode("utf-8")
    again = import_students(school, io.BytesIO(exported), apply=True, today=TODAY)
    assert again.ok and (again.created, again.updated) == (0, 0)
    assert again.unchanged == 6  # the fixture's three and the file's three
    assert counts == (
        Person.objects.count(),
        Enrolment.objects.count(),
        Guardianship.objects.count(),
    )


def test_every_bad_row_is_named_in_russian_and_nothing_is_stored(roster_a, classes):
    iin = make_iin()
    lines = [
        "Ахметов;Арман;;123456789012;;;5А;;;",
        f"Ахметов;Бекзат;;{iin};;;5А;;;",
        f"Ахметов;Бекзат;;{iin};;;5А;;;",
        "Ахметов;Данияр;;;;;9В;;;",
        "Ахметов;Ерасыл;;;32.13.2014;;5А;;;",
        ";Жандос;;;;;5А;;;",
    ]
    with translation.override("ru"):
        report = import_students(roster_a["school"], csv_file(lines), apply=True, today=TODAY)
    messages = dict(report.errors)
    assert not report.applied
    assert "ИИН 123456789012" in messages[2]
    assert "строке 3" in messages[4]
    assert "9В" in messages[5]
    assert "32.13.2014" in messages[6]
    assert "Фамилия" in messages[7]
    assert not Person.objects.filter(last_name="Ахметов").exists()


def test_formula_cells_and_missing_columns_are_refused(roster_a, classes):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEAD.split(";"))
    sheet.append(["Ким", '=HYPERLINK("http://x","y")', "", "", "", "", "5А"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    with translation.override("kk"):
        report = import_students(roster_a["school"], buffer, apply=True, today=TODAY)
        assert "формула" in report.errors[0][1]
        with pytest.raises(ImportFileError) as wrong_columns:
            import_students(roster_a["school"], io.BytesIO(b"a;b\n1;2"), today=TODAY)
        assert "Фамилия" in str(wrong_columns.value)
    assert not Person.objects.filter(last_name="Ким").exists()


def test_windows_1251_files_read_right_and_binary_is_refused(roster_a, classes):
    report = import_students(
        roster_a["school"],
        csv_file(["Петров;Пётр;;;;;5А;;;"], encoding="cp1251"),
        apply=True,
        today=TODAY,
    )
    assert report.applied and Person.objects.filter(first_name="Пётр").exists()
    with pytest.raises(ImportFileError):
        import_students(roster_a["school"], io.BytesIO(b"\x00\x01\x02" * 500), today=TODAY)


def test_a_file_over_the_row_limit_is_refused_before_any_work(roster_a, classes, monkeypatch):
    monkeypatch.setattr("roster.importer.MAX_ROWS", 3)
    lines = [f"Ф{i};И;;;;;5А;;;" for i in range(5)]
    with pytest.raises(ImportFileError):
        import_students(roster_a["school"], csv_file(lines), apply=True, today=TODAY)
    assert not Person.objects.filter(first_name="И").exists()


def test_a_class_over_capacity_is_refused(roster_a, classes):
    classes["six"].capacity = 2
    classes["six"].save()
    lines = [f"Ф{i};И;;;;;6Ә;;;" for i in range(3)]
    report = import_students(roster_a["school"], csv_file(lines), apply=True, today=TODAY)
    assert not report.applied and "6Ә" in report.errors[0][1]


def test_a_student_of_another_school_is_not_taken_over(roster_a, roster_b, classes):
    pupil = roster_b["pupil"]
    line = f"{pupil.last_name};{pupil.first_name};;{pupil.iin};;;5А;;;"
    report = import_students(roster_a["school"], csv_file([line]), apply=True, today=TODAY)
    assert not report.applied
    assert pupil.open_enrolment().school == roster_b["school"]


def test_admin_previews_then_imports_and_exports_only_own_school(
    client, roster_a, roster_b, classes, admin_a, settings, tmp_path
):
    settings.SECURITY_PRIVATE_MEDIA_ROOT = tmp_path
    client.force_login(admin_a)
    host = {}  # the admin host: the test client's default (tests/conftest.py)
    upload = SimpleUploadedFile("students.csv", csv_file(students_csv()).getvalue())
    preview = client.post(
        reverse("roster_import"), {"school": roster_a["school"].pk, "file": upload}, **host
    )
    assert preview.status_code == 200
    token = preview.context["token"]
    assert not Person.objects.filter(first_name="Нұрсұлтан").exists()
    done = client.post(
        reverse("roster_import"), {"token": token, "school": roster_a["school"].pk}, **host
    )
    assert done.status_code == 302
    assert Person.objects.filter(first_name="Нұрсұлтан").exists()

    export = client.get(reverse("roster_export", args=[roster_a["school"].pk]), **host)
    assert "Нұрсұлтан" in export.content.decode("utf-8")
    other = client.get(reverse("roster_export", args=[roster_b["school"].pk]), **host)
    assert other.status_code == 404
    # Importing into another school is refused too.
    sneaky = client.post(
        reverse("roster_import"), {"token": "0" * 32, "school": roster_b["school"].pk}, **host
    )
    assert sneaky.status_code == 404
