"""Bulk import and export of a school's classes and students (with their parents) from the
XLSX or CSV files that e-journals export, with kk, ru or en column headings.

    report = import_students(school, uploaded_file, apply=False)   # the dry run (preview)
    report.errors  -> [(line, message), ...] in the active language
    report = import_students(school, uploaded_file, apply=True)    # all rows or none

A file with any error changes nothing. Importing the same file again changes nothing (rows
are matched by IIN, or by name and birth date for people without one). `export_students`
writes the same columns, so import -> export -> import is a no-op."""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import openpyxl
from charset_normalizer import from_bytes

from accounts.identity_numbers import is_valid_iin

from .models import (
    AcademicYear,
    Enrolment,
    Guardianship,
    Person,
    SchoolClass,
    birth_date_from_iin,
)

# A region-wide file of 50,000 students fits; a larger one is refused before any work.
MAX_ROWS = 60_000
MAX_BYTES = 40 * 1024 * 1024

# Column headings as e-journals (Kundelik, Mektep) and people write them, in three languages.
STUDENT_COLUMNS = {
    "last_name": ("фамилия", "тегі", "surname", "last name"),
    "first_name": ("имя", "аты", "name", "first name"),
    "middle_name": ("отчество", "әкесінің аты", "patronymic", "middle name"),
    "iin": ("иин", "жсн", "iin", "иин ученика", "оқушының жсн"),
    "birth_date": ("дата рождения", "туған күні", "birth date", "date of birth"),
    "sex": ("пол", "жынысы", "sex", "gender"),
    "class": ("класс", "сынып", "class"),
    "parent": (
        "фио родителя",
        "родитель",
        "ата-анасының аты-жөні",
        "ата-анасы",
        "parent",
        "parent name",
    ),
    "parent_iin": ("иин родителя", "ата-анасының жсн", "parent iin"),
    "relation": ("кем приходится", "туыстығы", "relation"),
}
REQUIRED = ("last_name", "first_name", "class")
EXPORT_HEADINGS = {
    "last_name": "Фамилия",
    "first_name": "Имя",
    "middle_name": "Отчество",
    "iin": "ИИН",
    "birth_date": "Дата рождения",
    "sex": "Пол",
    "class": "Класс",
    "parent": "ФИО родителя",
    "parent_iin": "ИИН родителя",
    "relation": "Кем приходится",
}
SEX_WORDS = {
    "м": "M",
    "муж": "M",
    "мужской": "M",
    "ер": "M",
    "m": "M",
    "male": "M",
    "ж": "F",
    "жен": "F",
    "женский": "F",
    "әйел": "F",
    "f": "F",
    "female": "F",
}
RELATION_WORDS = {
    "мать": "mother",
    "мама": "mother",
    "анасы": "mother",
    "ана": "mother",
    "mother": "mother",
    "отец": "father",
    "папа": "father",
    "әкесі": "father",
    "әке": "father",
    "father": "father",
}
CLASS_RE = re.compile(r"^\s*(\d{1,2})\s*[-\s«\"']*\s*([^\d\s»\"']{0,3})[»\"']?\s*$")


class ImportFileError(Exception):
    """The whole file is unusable (format, encoding, headings, size): nothing was read."""


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self):
        return not self.errors


def _norm_heading(value):
    return re.sub(r"\s+", " ", str(value or "").strip().lower().replace("ё", "е"))


def _decode_csv(data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000], cp_isolation=["cp1251", "koi8_r", "cp866", "utf_16"]).best()
    if best is None:
        raise ImportFileError(
            _("The file's encoding could not be recognised: save it as UTF-8 CSV or as XLSX.")
        )
    return data.decode(best.encoding, errors="strict")


def read_table(uploaded):
    """The rows of an uploaded XLSX or CSV file as lists of cell values, headings first.
    Formula cells come back as the FormulaCell marker so that validation can name them."""
    data = uploaded.read()
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 40 MB: split it by school or class."))
    if data[:4] == b"PK\x03\x04":
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError(
                _("The spreadsheet could not be opened: %(reason)s") % {"reason": error}
            ) from error
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            if len(rows) > MAX_ROWS + 1:
                break
            rows.append(
                [FORMULA if isinstance(v, str) and v.startswith("=") else v for v in (row or ())]
            )
        workbook.close()
        return rows
    if b"\x00" in data[:1000] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(_("This is not a CSV or XLSX file."))
    text = _decode_csv(data)
    try:
        dialect = csv.Sniffer().sniff(text[:5000], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for row in csv.reader(io.StringIO(text), dialect):
        if len(rows) > MAX_ROWS + 1:
            break
        rows.append(row)
    return rows


class _Formula:
    def __repr__(self):
        return "FORMULA"


FORMULA = _Formula()


def _heading_map(headings):
    lookup = {
        _norm_heading(alias): key for key, aliases in STUDENT_COLUMNS.items() for alias in aliases
    }
    columns = {}
    for index, heading in enumerate(headings):
        key = lookup.get(_norm_heading(heading))
        if key and key not in columns:
            columns[key] = index
    missing = [key for key in REQUIRED if key not in columns]
    if missing:
        names = ", ".join(EXPORT_HEADINGS[key] for key in missing)
        raise ImportFileError(
            _(
                "The file has no column %(columns)s. The first row must hold the column "
                "headings, e.g. Фамилия, Имя, Отчество, ИИН, Дата рождения, Пол, Класс."
            )
            % {"columns": names}
        )
    return columns


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_class_name(text):
    match = CLASS_RE.match(text or "")
    if not match:
        return None
    grade = int(match.group(1))
    if grade > 12:
        return None
    return grade, match.group(2).upper()


@dataclass
class _Row:
    line: int
    last_name: str
    first_name: str
    middle_name: str
    iin: str | None
    birth_date: datetime.date | None
    sex: str
    school_class: SchoolClass
    parent: tuple | None  # (last, first, middle, iin, relation)


def _parse_rows(table, classes):
    columns = _heading_map(table[0])
    parsed, errors, seen = [], [], {}

    def cell(row, key):
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else None

    for offset, row in enumerate(table[1:], start=2):
        if not any(_text(v) for v in row if v is not FORMULA) and FORMULA not in row:
            continue  # blank line
        problems = []
        if FORMULA in row:
            problems.append(_("a cell holds a formula: paste the values instead"))
        values = {
            key: _text(cell(row, key)) if cell(row, key) is not FORMULA else "" for key in columns
        }
        for key in ("last_name", "first_name"):
            if not values.get(key):
                problems.append(_("%(column)s is empty") % {"column": EXPORT_HEADINGS[key]})
        iin = values.get("iin") or None
        if iin and not is_valid_iin(iin):
            problems.append(_("the IIN %(iin)s is not valid") % {"iin": iin})
        elif iin and iin in seen:
            problems.append(
                _("the IIN %(iin)s is already on line %(line)s") % {"iin": iin, "line": seen[iin]}
            )
        elif iin:
            seen[iin] = offset
        try:
            birth_date = _date(cell(row, "birth_date"))
        except ValueError:
            birth_date = None
            problems.append(
                _("the birth date %(value)s is not a date such as 15.03.2014")
                % {"value": values.get("birth_date")}
            )
        if iin and birth_date and birth_date_from_iin(iin) not in (None, birth_date):
            problems.append(_("the birth date does not match the one in the IIN"))
        sex = SEX_WORDS.get(values.get("sex", "").lower(), "")
        grade_letter = parse_class_name(values.get("class"))
        school_class = classes.get(grade_letter) if grade_letter else None
        if school_class is None:
            problems.append(
                _("there is no class %(name)s this year: add it first")
                % {"name": values.get("class")}
            )
        parent = None
        if values.get("parent"):
            parts = values["parent"].split()
            parent_iin = values.get("parent_iin") or None
            if parent_iin and not is_valid_iin(parent_iin):
                problems.append(_("the parent's IIN %(iin)s is not valid") % {"iin": parent_iin})
            relation = RELATION_WORDS.get(values.get("relation", "").lower(), "guardian")
            parent = (
                parts[0],
                parts[1] if len(parts) > 1 else "",
                " ".join(parts[2:]),
                parent_iin,
                relation,
            )
        if problems:
            errors.append((offset, "; ".join(str(p) for p in problems)))
            continue
        parsed.append(
            _Row(
                offset,
                values["last_name"],
                values["first_name"],
                values.get("middle_name", ""),
                iin,
                birth_date,
                sex,
                school_class,
                parent,
            )
        )
    return parsed, errors


def _find_people(school, iins):
    """People of the file already on the platform: by IIN anywhere, and people without an
    IIN by name and birth date among this school's students (never another school's)."""
    found = {}
    iins = list(iins)
    for start in range(0, len(iins), 2000):
        for person in Person.objects.filter(iin__in=iins[start : start + 2000]):
            found[("iin", person.iin)] = person
    for person in Person.objects.filter(iin__isnull=True, enrolments__school=school).distinct():
        found.setdefault(("name", person.last_name, person.first_name, person.birth_date), person)
    return found


def _key(last, first, iin, birth):
    return ("iin", iin) if iin else ("name", last, first, birth)


def import_students(school, uploaded, apply=False, today=None):
    """Check (and with `apply`, store) the students, their classes and parents of a file."""
    report = ImportReport()
    table = read_table(uploaded)
    if not table:
        raise ImportFileError(_("The file is empty."))
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(max)s rows: split it by school or class.")
            % {"max": f"{MAX_ROWS:,}".replace(",", "\u00a0")}
        )
    today = today or timezone.localdate()
    year = AcademicYear.current_for(school, today)
    classes = {
        (c.grade, c.letter.upper()): c
        for c in SchoolClass.objects.filter(school=school, academic_year=year)
    }
    rows, report.errors = _parse_rows(table, classes)
    report.rows = len(rows) + len(report.errors)

    people = _find_people(
        school,
        {r.iin for r in rows if r.iin} | {r.parent[3] for r in rows if r.parent and r.parent[3]},
    )
    ids = [p.pk for p in people.values()]
    open_enrolments = {}
    for start in range(0, len(ids), 2000):
        for enrolment in Enrolment.objects.filter(
            student_id__in=ids[start : start + 2000], ends_on__isnull=True
        ):
            open_enrolments[enrolment.student_id] = enrolment
    for row in rows:
        person = people.get(_key(row.last_name, row.first_name, row.iin, row.birth_date))
        enrolment = open_enrolments.get(person.pk) if person else None
        if enrolment and enrolment.school_id != school.pk:
            report.errors.append(
                (
                    row.line,
                    _("%(name)s studies in another school: that school transfers the student first")
                    % {"name": f"{row.last_name} {row.first_name}"},
                )
            )
    capacity = {}
    for row in rows:
        capacity[row.school_class.pk] = capacity.get(row.school_class.pk, 0) + 1
    for school_class in {r.school_class for r in rows}:
        if capacity[school_class.pk] > school_class.capacity:
            report.errors.append(
                (
                    0,
                    _("Class %(name)s would have %(count)s students for %(capacity)s places.")
                    % {
                        "name": school_class.name,
                        "count": capacity[school_class.pk],
                        "capacity": school_class.capacity,
                    },
                )
            )
    report.errors.sort()
    if report.errors:
        return report

    new_people, changed_people, enrol_rows, links = [], [], [], []
    for row in rows:
        key = _key(row.last_name, row.first_name, row.iin, row.birth_date)
        person = people.get(key)
        fields = {
            "last_name": row.last_name,
            "first_name": row.first_name,
            "middle_name": row.middle_name,
            "birth_date": row.birth_date,
            "sex": row.sex,
        }
        if person is None:
            person = Person(iin=row.iin, **fields)
            person.clean()
            new_people.append(person)
            people[key] = person
            report.created += 1
        else:
            changes = {
                k: v for k, v in fields.items() if v not in ("", None) and getattr(person, k) != v
            }
            enrolment = open_enrolments.get(person.pk)
            if changes or enrolment is None or enrolment.school_class_id != row.school_class.pk:
                for k, v in changes.items():
                    setattr(person, k, v)
                if changes:
                    changed_people.append(person)
                report.updated += 1
            else:
                report.unchanged += 1
        enrol_rows.append((person, row.school_class))
        if row.parent:
            links.append((person, row.parent))
    if not apply:
        return report

    with transaction.atomic():
        Person.objects.bulk_create(new_people, batch_size=2000)
        if changed_people:
            Person.objects.bulk_update(
                changed_people,
                ["last_name", "first_name", "middle_name", "birth_date", "sex"],
                batch_size=2000,
            )
        to_create, to_close = [], []
        for person, school_class in enrol_rows:
            current = open_enrolments.get(person.pk)
            if current and current.school_class_id == school_class.pk:
                continue
            if current:
                current.ends_on = max(today - datetime.timedelta(days=1), current.starts_on)
                current.end_reason = Enrolment.EndReason.CLASS_CHANGED
                to_close.append(current)
            to_create.append(
                Enrolment(
                    student=person,
                    school=school,
                    school_class=school_class,
                    starts_on=max(today, year.starts_on) if current else year.starts_on,
                    start_reason=Enrolment.StartReason.CLASS_CHANGED
                    if current
                    else Enrolment.StartReason.ADMITTED,
                )
            )
        Enrolment.objects.bulk_update(to_close, ["ends_on", "end_reason"], batch_size=2000)
        Enrolment.objects.bulk_create(to_create, batch_size=2000)
        _store_parents(links, people)
        report.applied = True
    return report


def _store_parents(links, people):
    new_parents = []
    for _child, (last, first, middle, iin, _relation) in links:
        key = ("iin", iin) if iin else ("parent", last, first, middle)
        if key not in people:
            existing = None
            if not iin:
                existing = Person.objects.filter(
                    iin__isnull=True,
                    last_name=last,
                    first_name=first,
                    middle_name=middle,
                    wards__isnull=False,
                ).first()
            people[key] = existing or Person(
                last_name=last, first_name=first, middle_name=middle, iin=iin
            )
            if people[key].pk is None:
                new_parents.append(people[key])
    Person.objects.bulk_create(new_parents, batch_size=2000)
    existing_links = set(
        Guardianship.objects.filter(child__in=[c for c, _p in links]).values_list(
            "guardian_id", "child_id"
        )
    )
    new_links = []
    for child, (last, first, middle, iin, relation) in links:
        key = ("iin", iin) if iin else ("parent", last, first, middle)
        guardian = people[key]
        if (guardian.pk, child.pk) not in existing_links and guardian.pk != child.pk:
            new_links.append(Guardianship(guardian=guardian, child=child, relation=relation))
            existing_links.add((guardian.pk, child.pk))
    Guardianship.objects.bulk_create(new_links, batch_size=2000)


def export_rows(school, today=None):
    """The school's current students with one parent each, in the import's columns."""
    today = today or timezone.localdate()
    year = AcademicYear.current_for(school, today)
    enrolments = (
        Enrolment.objects.filter(
            school=school, ends_on__isnull=True, school_class__academic_year=year
        )
        .select_related("student", "school_class")
        .prefetch_related("student__guardians__guardian")
        .order_by("school_class__grade", "school_class__letter", "student__last_name")
    )
    yield list(EXPORT_HEADINGS.values())
    for enrolment in enrolments:
        student = enrolment.student
        link = next(iter(student.guardians.all()), None)
        parent = link.guardian if link else None
        yield [
            student.last_name,
            student.first_name,
            student.middle_name,
            student.iin or "",
            student.birth_date.strftime("%d.%m.%Y") if student.birth_date else "",
            {"M": "М", "F": "Ж"}.get(student.sex, ""),
            enrolment.school_class.name,
            parent.full_name if parent else "",
            (parent.iin or "") if parent else "",
            {"mother": "мать", "father": "отец"}.get(link.relation, "") if link else "",
        ]


def export_students_csv(school, today=None):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in export_rows(school, today):
        # Text that a spreadsheet would run as a formula is prefixed (OWASP CSV injection).
        writer.writerow(["'" + c if str(c)[:1] in "=+-@\t\r" and c else c for c in row])
    return "\ufeff" + buffer.getvalue()
