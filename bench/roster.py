"""The school roster on PostgreSQL.

1. import of 50,000 students with their parents for a region: 20 schools of 2,500 students
   (44 classes each), one e-journal CSV per school, through roster.importer (dry run and
   apply, as the admin screen does); budget 120 s for the whole region;
2. a re-import of one school's file: nothing changes (idempotency) and how long it takes;
3. the class teacher's cabinet with a class list of 25: queries (budget 15).

Run: .venv/bin/python -m bench.roster (database mektep_bench_roster, created when missing).
Exits 1 when a budget is exceeded."""

import datetime
import io
import sys
import time

from bench.common import bench_database

BUDGET = {"region_import_seconds": 120.0, "cabinet_queries": 15}
SCHOOLS = 20
PER_SCHOOL = 2_500
TODAY = datetime.date(2026, 10, 1)


def school_file(iins, number):
    from roster.demo import KK_FATHERS, KK_NAMES_F, KK_NAMES_M, KK_SURNAMES_M

    lines = ["Фамилия;Имя;Отчество;ИИН;Дата рождения;Пол;Класс;ФИО родителя;ИИН родителя"]
    for n in range(PER_SCHOOL):
        grade, letter = 1 + n % 11, "АӘБВ"[n // 11 % 4]
        female = n % 2 == 0
        birth = datetime.date(2026 - 6 - grade, 1 + n % 12, 1 + n % 28)
        surname = KK_SURNAMES_M[n % len(KK_SURNAMES_M)]
        name = (KK_NAMES_F if female else KK_NAMES_M)[n % 16]
        child_iin = iins.make(birth, female)
        parent_iin = iins.make(datetime.date(1985, 1 + n % 12, 1 + n % 28), True)
        lines.append(
            f"{surname};{name};{KK_FATHERS[n % 8]}{'қызы' if female else 'ұлы'};{child_iin};"
            f"{birth:%d.%m.%Y};{'Ж' if female else 'М'};{grade}{letter};"
            f"{surname}а Гүлнар;{parent_iin}"
        )
    return "\n".join(lines).encode()


def main():
    bench_database("mektep_bench_roster")
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from accounts.factories import UserFactory
    from roster.demo import _IINs
    from roster.importer import import_students
    from roster.models import AcademicYear, Enrolment, Person, SchoolClass
    from schools.factories import DistrictFactory, create_school
    from schools.models import School

    Enrolment.objects.all().delete()
    SchoolClass.objects.all().delete()
    Person.objects.all().delete()
    district = DistrictFactory(code="bench-roster")
    # A second run reuses the schools of the first (their sites and pages stay).
    schools = [
        School.objects.filter(slug=f"bench-roster-{n}").first()
        or create_school(f"bench-roster-{n}", district=district, sequence=7000 + 5 * n)
        for n in range(SCHOOLS)
    ]
    year = AcademicYear.for_region(district.region, 2026)
    for school in schools:
        SchoolClass.objects.filter(school=school).delete()
        SchoolClass.objects.bulk_create(
            SchoolClass(school=school, academic_year=year, grade=g, letter=letter, capacity=60)
            for g in range(1, 12)
            for letter in "АӘБВ"
        )

    class UniqueIINs(_IINs):
        # 100,000 people share birth dates: skip a number already handed out.
        used = set()

        def make(self, birth, female):
            while (iin := super().make(birth, female)) in self.used:
                pass
            self.used.add(iin)
            return iin

    iins = UniqueIINs(0)
    files = [school_file(iins, n) for n in range(SCHOOLS)]

    started = time.perf_counter()
    created = 0
    for school, data in zip(schools, files, strict=True):
        preview = import_students(school, io.BytesIO(data), today=TODAY)
        assert preview.ok, preview.errors[:3]
        report = import_students(school, io.BytesIO(data), apply=True, today=TODAY)
        created += report.created
    region_seconds = time.perf_counter() - started

    started = time.perf_counter()
    again = import_students(schools[0], io.BytesIO(files[0]), apply=True, today=TODAY)
    reimport_seconds = time.perf_counter() - started

    five = SchoolClass.objects.filter(school=schools[0], grade=5, letter="А").first()
    teacher = Person.objects.create(last_name="Бенчмарк", first_name="Мұғалім")
    teacher.user = UserFactory(email="bench-teacher@example.kz")
    teacher.save()
    five.class_teacher = teacher
    five.save()
    client = Client()
    client.force_login(teacher.user)
    client.get(reverse("roster_cabinet"), HTTP_HOST=schools[0].site.hostname)  # warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/kk/cabinet/", HTTP_HOST=schools[0].site.hostname)
    assert response.status_code == 200
    class_size = five.open_enrolments().count()

    rows = [
        (f"region import: s for {created} students", f"{region_seconds:.1f}", 120.0),
        ("re-import of one school: created+updated", again.created + again.updated, 0),
        ("re-import of one school: s", f"{reimport_seconds:.1f}", "-"),
        (f"cabinet with a class of {class_size}: queries", len(queries), 15),
    ]
    print(f"{'measure':<50} {'value':>10} {'budget':>8}")
    for name, value, budget in rows:
        print(f"{name:<50} {value!s:>10} {budget!s:>8}")
    ok = (
        region_seconds <= BUDGET["region_import_seconds"]
        and again.created + again.updated == 0
        and len(queries) <= BUDGET["cabinet_queries"]
    )
    print("ok" if ok else "BUDGET EXCEEDED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
