"""The school's people, kept once in the core so that no service keeps its own copy.

- `Person`: a human being, separate from any login. Children are enrolled long before (and
  often without ever) having an account; a person gets a `user` when they first sign in.
- `AcademicYear` (with `Term`s and school `Holiday`s) and `SchoolClass`: the structure of a
  school year. A class belongs to one school and one academic year; "moving up" creates the
  next year's class and a new enrolment, so last year's lists stay as they were.
- `Enrolment`: a student's history, across schools and years; at most one open enrolment.
- `Employment`: a staff record (position, subjects, qualification); a person may hold several
  positions and work in several schools.
- `Guardianship`: parents and legal representatives of a child (several per child).
- `SignInCode`: a one-time code handed out by the school or a parent, with which a child
  without e-mail signs in for the first time.

Who may read which record is decided in `roster.access`, nowhere else."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.identity_numbers import is_valid_iin, validate_bin, validate_iin
from schools.models import LanguageOfInstruction

# Grades of a Kazakh school: 0 is the pre-school class, 1-11 (12 in some specialised
# schools) the school grades.
MAX_GRADE = 12


def birth_date_from_iin(iin):
    """The birth date coded in an IIN (None for foreigners' IINs with century digit 0)."""
    if not is_valid_iin(iin) or iin[6] == "0":
        return None
    century = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}[iin[6]]
    return datetime.date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))


def sex_from_iin(iin):
    """Odd century digits are men, even ones women (the IIN standard)."""
    if not is_valid_iin(iin) or iin[6] == "0":
        return ""
    return Person.Sex.MALE if int(iin[6]) % 2 else Person.Sex.FEMALE


class Person(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "F", _("female")
        MALE = "M", _("male")

    last_name = models.CharField(_("surname"), max_length=150)
    first_name = models.CharField(_("name"), max_length=150)
    middle_name = models.CharField(_("patronymic"), max_length=150, blank=True)
    iin = models.CharField(
        _("IIN"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_iin],
        help_text=_("Individual identification number, 12 digits."),
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    citizenship = models.CharField(
        _("citizenship"),
        max_length=2,
        default="KZ",
        help_text=_("Two-letter country code, KZ for Kazakhstan."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("platform account"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "middle_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # An empty IIN is NULL so that the unique constraint admits many people without one.
        self.iin = (self.iin or "").strip() or None
        super().save(*args, **kwargs)

    def clean(self):
        self.iin = (self.iin or "").strip() or None
        self.citizenship = (self.citizenship or "").upper()
        if self.iin and is_valid_iin(self.iin):
            coded = birth_date_from_iin(self.iin)
            if coded and self.birth_date and coded != self.birth_date:
                raise ValidationError(
                    {"birth_date": _("The birth date does not match the one in the IIN.")}
                )
            self.birth_date = self.birth_date or coded
            self.sex = self.sex or sex_from_iin(self.iin)

    @property
    def full_name(self):
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @admin.display(description=_("class"))
    def current_class(self):
        # Reads the prefetched enrolments of listings instead of one query per row.
        enrolment = next((e for e in self.enrolments.all() if e.ends_on is None), None)
        return enrolment.school_class.name if enrolment else _("left the school")

    def open_enrolment(self):
        return self.enrolments.filter(ends_on__isnull=True).select_related("school_class").first()


class AcademicYear(models.Model):
    """A school year, 1 September to 31 May by default. A region may set its own dates; the
    national year (no region) applies where it has not."""

    region = models.ForeignKey(
        "mektep_schools.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="academic_years",
        verbose_name=_("region"),
        help_text=_("Leave empty for the national calendar."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("first calendar year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("academic year")
        verbose_name_plural = _("academic years")
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "start_year"],
                name="unique_academic_year_per_region",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="academic_year_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return f"{self.start_year}–{self.start_year + 1}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The year must end after it starts.")})

    @classmethod
    def start_year_of(cls, day):
        # Before September a date belongs to the year that started the previous autumn.
        return day.year if day.month >= 9 else day.year - 1

    @classmethod
    def for_region(cls, region, start_year):
        """The region's own year, else the national one, created with the default dates
        (1 September - 31 May) the first time anyone needs it."""
        own = cls.objects.filter(region=region, start_year=start_year).first()
        if own:
            return own
        year, _created = cls.objects.get_or_create(
            region=None,
            start_year=start_year,
            defaults={
                "starts_on": datetime.date(start_year, 9, 1),
                "ends_on": datetime.date(start_year + 1, 5, 31),
            },
        )
        return year

    @classmethod
    def current_for(cls, school, today=None):
        today = today or timezone.localdate()
        return cls.for_region(school.district.region, cls.start_year_of(today))


class Term(models.Model):
    """A term (тоқсан / четверть) of an academic year."""

    academic_year = models.ForeignKey(
        AcademicYear,
        on_delete=models.CASCADE,
        related_name="terms",
        verbose_name=_("academic year"),
    )
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["academic_year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["academic_year", "number"], name="unique_term_number")
        ]

    def __str__(self):
        return _("Term %(number)s, %(year)s") % {"number": self.number, "year": self.academic_year}


class Holiday(models.Model):
    """School holidays (каникулы / демалыс) of an academic year."""

    academic_year = models.ForeignKey(
        AcademicYear,
        on_delete=models.CASCADE,
        related_name="holidays",
        verbose_name=_("academic year"),
    )
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    grades = models.CharField(
        _("grades"),
        max_length=40,
        blank=True,
        help_text=_("Empty: every grade; otherwise e.g. 1 for the extra holidays of grade 1."),
    )

    class Meta:
        verbose_name = _("school holidays")
        verbose_name_plural = _("school holidays")
        ordering = ["starts_on"]

    def __str__(self):
        return self.name


class PublicHoliday(models.Model):
    """Kazakhstan's working-day calendar: public holidays and the days moved by the
    government's yearly transfer decree. Every deadline of the platform counts working days
    with `roster.calendar`, which reads this table."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("public holiday")
        DAY_OFF = "day_off", _("day off moved from another day")
        WORKING_DAY = "working_day", _("working day moved from another day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.HOLIDAY)
    name = models.CharField(_("name"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("public holiday or transfer")
        verbose_name_plural = _("working-day calendar")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.name}".strip()


class SchoolClassQuerySet(models.QuerySet):
    def in_year(self, academic_year):
        return self.filter(academic_year=academic_year)


class SchoolClass(models.Model):
    class Shift(models.IntegerChoices):
        FIRST = 1, _("first shift")
        SECOND = 2, _("second shift")

    school = models.ForeignKey(
        "mektep_schools.School",
        on_delete=models.CASCADE,
        related_name="classes",
        verbose_name=_("school"),
    )
    academic_year = models.ForeignKey(
        AcademicYear,
        on_delete=models.PROTECT,
        related_name="classes",
        verbose_name=_("academic year"),
    )
    grade = models.PositiveSmallIntegerField(
        _("grade"),
        validators=[MaxValueValidator(MAX_GRADE)],
        help_text=_("0 for the pre-school class."),
    )
    letter = models.CharField(_("letter"), max_length=3, blank=True)
    language = models.CharField(
        _("language of instruction"),
        max_length=2,
        choices=LanguageOfInstruction.choices,
        default=LanguageOfInstruction.KAZAKH,
    )
    shift = models.PositiveSmallIntegerField(_("shift"), choices=Shift.choices, default=Shift.FIRST)
    class_teacher = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="classes_led",
        verbose_name=_("class teacher"),
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=25, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )

    objects = SchoolClassQuerySet.as_manager()

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["academic_year", "grade", "letter"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year", "grade", "letter"], name="unique_class"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return f"{self.grade}{self.letter}" if self.letter else str(self.grade)

    @property
    def parallel(self):
        """Classes of one grade form a parallel (параллель / қатар)."""
        return self.grade

    def open_enrolments(self):
        return self.enrolments.filter(ends_on__isnull=True)

    def clean(self):
        if (
            self.school_id
            and self.language
            and self.language not in (self.school.languages_of_instruction or [])
        ):
            raise ValidationError(
                {"language": _("The school does not teach in this language (see its settings).")}
            )


class Enrolment(models.Model):
    class StartReason(models.TextChoices):
        ADMITTED = "admitted", _("admitted")
        TRANSFERRED_IN = "transferred_in", _("transferred from another school")
        MOVED_UP = "moved_up", _("moved up to the next grade")
        CLASS_CHANGED = "class_changed", _("moved to another class")

    class EndReason(models.TextChoices):
        TRANSFERRED_OUT = "transferred_out", _("transferred to another school")
        MOVED_UP = "moved_up", _("moved up to the next grade")
        CLASS_CHANGED = "class_changed", _("moved to another class")
        GRADUATED = "graduated", _("graduated")
        LEFT = "left", _("left the school")

    student = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("student")
    )
    school = models.ForeignKey(
        "mektep_schools.School",
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("school"),
    )
    school_class = models.ForeignKey(
        SchoolClass,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("class"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    start_reason = models.CharField(
        _("reason for joining"),
        max_length=20,
        choices=StartReason.choices,
        default=StartReason.ADMITTED,
    )
    end_reason = models.CharField(
        _("reason for leaving"), max_length=20, choices=EndReason.choices, blank=True
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-starts_on"]
        constraints = [
            # A student studies in one class of one school at a time.
            models.UniqueConstraint(
                fields=["student"], condition=Q(ends_on__isnull=True), name="one_open_enrolment"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="enrolment_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["school_class", "ends_on"])]

    def __str__(self):
        return f"{self.student} — {self.school_class} ({self.starts_on:%d.%m.%Y})"

    def clean(self):
        if (
            self.school_class_id
            and self.school_id
            and self.school_class.school_id != self.school_id
        ):
            raise ValidationError({"school_class": _("The class belongs to another school.")})
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("An enrolment cannot end before it starts.")})
        if self.student_id and self.starts_on:
            others = Enrolment.objects.filter(student_id=self.student_id).exclude(pk=self.pk)
            end = self.ends_on or datetime.date.max
            overlapping = others.filter(starts_on__lte=end).filter(
                Q(ends_on__isnull=True) | Q(ends_on__gte=self.starts_on)
            )
            if overlapping.exists():
                raise ValidationError(
                    _(
                        "The student is already enrolled for these dates: end the current "
                        "enrolment (transfer) first."
                    ),
                    code="overlapping_enrolment",
                )


class Position(models.TextChoices):
    """The staff reference list (штат / штаттық кесте)."""

    DIRECTOR = "director", _("director")
    DEPUTY_ACADEMIC = "deputy_academic", _("deputy director for academic work")
    DEPUTY_UPBRINGING = "deputy_upbringing", _("deputy director for upbringing")
    DEPUTY_SCIENCE = "deputy_science", _("deputy director for scientific and methodical work")
    DEPUTY_IT = "deputy_it", _("deputy director for information technology")
    TEACHER = "teacher", _("teacher")
    PSYCHOLOGIST = "psychologist", _("school psychologist")
    SOCIAL_PEDAGOGUE = "social_pedagogue", _("social pedagogue")
    CAREER_COUNSELLOR = "career_counsellor", _("career counsellor")
    TUTOR = "tutor", _("tutor")
    METHODOLOGIST = "methodologist", _("methodologist")
    LIBRARIAN = "librarian", _("librarian")
    SPEECH_THERAPIST = "speech_therapist", _("speech therapist")
    DEFECTOLOGIST = "defectologist", _("special-needs teacher (defectologist)")
    PEDAGOGUE_ORGANISER = "pedagogue_organiser", _("pedagogue-organiser")
    NURSE = "nurse", _("school nurse")
    INSPECTOR = "inspector", _("education department specialist")
    CENTRE_PSYCHOLOGIST = "centre_psychologist", _("psychologist of a support centre")
    COURSE_TRAINER = "course_trainer", _("course trainer")


class QualificationCategory(models.TextChoices):
    """Kazakhstan's teacher qualification categories (since 2021), and the older ones that
    staff still hold until their next attestation."""

    NONE = "", _("no category")
    PEDAGOGUE = "pedagogue", _("pedagogue")
    MODERATOR = "moderator", _("pedagogue-moderator")
    EXPERT = "expert", _("pedagogue-expert")
    RESEARCHER = "researcher", _("pedagogue-researcher")
    MASTER = "master", _("pedagogue-master")
    SECOND = "second", _("second category")
    FIRST = "first", _("first category")
    HIGHEST = "highest", _("highest category")


class Organisation(models.Model):
    """An organisation of the education system other than a school, with its own staff and
    territory: district and region education departments, psychological support centres
    (ППҚО / ЦПП), course providers (e.g. a professional-development centre). The country
    level is the platform itself (one country)."""

    class Kind(models.TextChoices):
        DISTRICT_DEPARTMENT = "district_department", _("district or city education department")
        REGION_DEPARTMENT = "region_department", _("region education department")
        PSYCH_CENTRE = "psych_centre", _("psychological support centre")
        COURSE_PROVIDER = "course_provider", _("course provider")

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    bin = models.CharField(
        _("BIN"), max_length=12, blank=True, validators=[validate_bin], help_text=_("12 digits.")
    )
    region = models.ForeignKey(
        "mektep_schools.Region",
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("region"),
    )
    district = models.ForeignKey(
        "mektep_schools.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("district or city"),
        help_text=_("Empty for an organisation that serves the whole region."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["region", "kind", "name_kk"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        language = (get_language() or "kk")[:2]
        return getattr(self, f"name_{language}", "") or self.name_kk

    def clean(self):
        if self.district_id and self.district.region_id != self.region_id:
            raise ValidationError({"district": _("The district is in another region.")})
        if self.kind == self.Kind.DISTRICT_DEPARTMENT and not self.district_id:
            raise ValidationError({"district": _("A district department needs its district.")})

    def schools(self):
        """The schools the organisation serves: its district's, else its region's."""
        from schools.models import School

        if self.district_id:
            return School.objects.filter(district_id=self.district_id)
        return School.objects.filter(district__region_id=self.region_id)


class Employment(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="employments", verbose_name=_("person")
    )
    school = models.ForeignKey(
        "mektep_schools.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="employments",
        verbose_name=_("school"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="employments",
        verbose_name=_("organisation"),
        help_text=_("For staff of an education department, a centre or a course provider."),
    )
    position = models.CharField(_("position"), max_length=30, choices=Position.choices)
    subjects = models.CharField(
        _("subjects taught"), max_length=255, blank=True, help_text=_("Separated by commas.")
    )
    qualification_category = models.CharField(
        _("qualification category"),
        max_length=12,
        choices=QualificationCategory.choices,
        blank=True,
    )
    education = models.TextField(_("education"), blank=True)
    starts_on = models.DateField(_("from"), default=datetime.date.today)
    ends_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff position")
        verbose_name_plural = _("staff")
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "school", "position"],
                condition=Q(ends_on__isnull=True, school__isnull=False),
                name="one_open_employment_per_position",
            ),
            # Staff of a school or of an organisation, never both, never neither.
            models.CheckConstraint(
                condition=Q(school__isnull=False, organisation__isnull=True)
                | Q(school__isnull=True, organisation__isnull=False),
                name="employment_school_or_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_position_display()}"

    @property
    def subject_list(self):
        return [s.strip() for s in self.subjects.split(",") if s.strip()]


class Guardianship(models.Model):
    class Relation(models.TextChoices):
        MOTHER = "mother", _("mother")
        FATHER = "father", _("father")
        GUARDIAN = "guardian", _("legal representative")

    guardian = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="wards", verbose_name=_("parent")
    )
    child = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="guardians", verbose_name=_("child")
    )
    relation = models.CharField(
        _("relation"), max_length=20, choices=Relation.choices, default=Relation.GUARDIAN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("parent or legal representative")
        verbose_name_plural = _("parents and legal representatives")
        constraints = [
            models.UniqueConstraint(fields=["guardian", "child"], name="unique_guardianship"),
            models.CheckConstraint(condition=~Q(guardian=F("child")), name="guardianship_not_self"),
        ]

    def __str__(self):
        return f"{self.guardian} → {self.child}"


def _hash_code(code):
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


class SignInCodeQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class SignInCode(models.Model):
    """A one-time code for a person's first sign-in (a child without an e-mail address), or
    for a parent's request to be linked to that child. Only the hash is stored."""

    class Purpose(models.TextChoices):
        SIGN_IN = "sign_in", _("first sign-in of the person")
        LINK_PARENT = "link_parent", _("linking a parent to the child")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="sign_in_codes", verbose_name=_("person")
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices)
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SignInCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")

    # Ten characters from an alphabet without look-alikes (0/O, 1/I): read aloud or copied
    # from paper by a child, and 31^10 guesses are out of reach behind the rate limit.
    ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    LENGTH = 10

    def __str__(self):
        return f"{self.person} ({self.get_purpose_display()})"

    @classmethod
    def issue(cls, person, purpose, issued_by=None, days=14):
        code = "".join(secrets.choice(cls.ALPHABET) for _ in range(cls.LENGTH))
        cls.objects.filter(person=person, purpose=purpose, used_at__isnull=True).delete()
        cls.objects.create(
            person=person,
            purpose=purpose,
            code_hash=_hash_code(code),
            expires_at=timezone.now() + datetime.timedelta(days=days),
            issued_by=issued_by,
        )
        return code

    @classmethod
    def find(cls, code, purpose):
        return (
            cls.objects.usable()
            .filter(code_hash=_hash_code(code or ""), purpose=purpose)
            .select_related("person")
            .first()
        )
