"""Changes to the roster that touch several records: enrolling, transferring, leaving and the
yearly rollover. Each runs in one transaction and refuses (ValidationError, in the user's
language) rather than leaving the roster half-changed."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import AcademicYear, Enrolment, SchoolClass

# The last grade of a general school; specialised schools with a grade 12 graduate from it.
LAST_GRADE = 11


def _check_capacity(school_class, adding=1):
    taken = school_class.open_enrolments().count()
    if taken + adding > school_class.capacity:
        raise ValidationError(
            _("Class %(name)s is full: %(taken)s of %(capacity)s places are taken.")
            % {"name": school_class.name, "taken": taken, "capacity": school_class.capacity},
            code="class_full",
        )


@transaction.atomic
def enrol(student, school_class, starts_on, reason=Enrolment.StartReason.ADMITTED):
    _check_capacity(school_class)
    enrolment = Enrolment(
        student=student,
        school=school_class.school,
        school_class=school_class,
        starts_on=starts_on,
        start_reason=reason,
    )
    enrolment.full_clean()
    enrolment.save()
    return enrolment


@transaction.atomic
def end_enrolment(student, ends_on, reason):
    """Close the student's open enrolment (left, graduated...). Returns it, or None."""
    current = (
        Enrolment.objects.select_for_update().filter(student=student, ends_on__isnull=True).first()
    )
    if current is None:
        return None
    if ends_on < current.starts_on:
        raise ValidationError(
            _("The enrolment started on %(date)s: it cannot end before that.")
            % {"date": current.starts_on.strftime("%d.%m.%Y")},
            code="ends_before_start",
        )
    current.ends_on = ends_on
    current.end_reason = reason
    current.save(update_fields=["ends_on", "end_reason"])
    return current


@transaction.atomic
def transfer(student, to_class, on_date):
    """Move a student to another class, in the same school or another one. The old
    enrolment ends the day before; history is kept."""
    current = (
        Enrolment.objects.select_for_update().filter(student=student, ends_on__isnull=True).first()
    )
    if current is not None and current.school_class_id == to_class.pk:
        raise ValidationError(_("The student is already in this class."), code="same_class")
    same_school = current is not None and current.school_id == to_class.school_id
    if current is not None:
        end_enrolment(
            student,
            on_date - datetime.timedelta(days=1),
            Enrolment.EndReason.CLASS_CHANGED
            if same_school
            else Enrolment.EndReason.TRANSFERRED_OUT,
        )
    reason = (
        Enrolment.StartReason.CLASS_CHANGED
        if same_school
        else Enrolment.StartReason.TRANSFERRED_IN
        if current is not None
        else Enrolment.StartReason.ADMITTED
    )
    return enrol(student, to_class, on_date, reason)


@dataclass
class ClassMove:
    source: SchoolClass
    target_name: str
    students: int
    graduates: bool


@dataclass
class RolloverPlan:
    school: object
    from_year: AcademicYear
    to_year: AcademicYear
    moves: list = field(default_factory=list)

    @property
    def moving(self):
        return sum(m.students for m in self.moves if not m.graduates)

    @property
    def graduating(self):
        return sum(m.students for m in self.moves if m.graduates)


def _last_grade(school, year):
    has_twelve = SchoolClass.objects.filter(school=school, academic_year=year, grade=12).exists()
    return 12 if has_twelve else LAST_GRADE


def plan_rollover(school, from_year):
    """What `rollover` would do, without changing anything (the preview)."""
    to_year = AcademicYear.for_region(school.district.region, from_year.start_year + 1)
    last = _last_grade(school, from_year)
    plan = RolloverPlan(school=school, from_year=from_year, to_year=to_year)
    classes = SchoolClass.objects.filter(school=school, academic_year=from_year).order_by(
        "grade", "letter"
    )
    for cls in classes:
        graduates = cls.grade >= last
        plan.moves.append(
            ClassMove(
                source=cls,
                target_name="" if graduates else f"{cls.grade + 1}{cls.letter}",
                students=cls.open_enrolments().count(),
                graduates=graduates,
            )
        )
    return plan


@transaction.atomic
def rollover(school, from_year):
    """Move every class of `school` up one grade into the next academic year: the students'
    enrolments end on the last day of the old year and new ones start on the first day of
    the new year; the last grade graduates. Safe to run twice: classes and enrolments that
    already exist in the new year are kept."""
    plan = plan_rollover(school, from_year)
    ends_on, starts_on = from_year.ends_on, plan.to_year.starts_on
    for move in plan.moves:
        source = move.source
        target = None
        if not move.graduates:
            target, _created = SchoolClass.objects.get_or_create(
                school=school,
                academic_year=plan.to_year,
                grade=source.grade + 1,
                letter=source.letter,
                defaults={
                    "language": source.language,
                    "shift": source.shift,
                    "class_teacher": source.class_teacher,
                    "capacity": source.capacity,
                },
            )
        for enrolment in source.open_enrolments().select_for_update():
            enrolment.ends_on = max(ends_on, enrolment.starts_on)
            enrolment.end_reason = (
                Enrolment.EndReason.GRADUATED if move.graduates else Enrolment.EndReason.MOVED_UP
            )
            enrolment.save(update_fields=["ends_on", "end_reason"])
            if target is not None:
                Enrolment.objects.create(
                    student_id=enrolment.student_id,
                    school=school,
                    school_class=target,
                    starts_on=starts_on,
                    start_reason=Enrolment.StartReason.MOVED_UP,
                )
    return plan
