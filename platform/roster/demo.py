"""The demo roster: each demo school gets this year's classes (1-11, two or three letters by
school), about 200 students with one or two parents, and its staff, with believable Kazakh
and Russian names. The first school's demo class teacher, parent and student accounts are
linked to records, so that their cabinets show a class list, children and a class.

Idempotent: a school that already has classes this year is left as it is."""

import datetime

from django.contrib.auth import get_user_model

from accounts.identity_numbers import control_digit
from schools.models import School

from .models import (
    AcademicYear,
    Employment,
    Enrolment,
    Guardianship,
    Person,
    Position,
    QualificationCategory,
    SchoolClass,
)

KK_SURNAMES_M = [
    "Әбенов",
    "Ахметов",
    "Бекұлы",
    "Ғабитов",
    "Дәулетов",
    "Ержанов",
    "Жақсыбеков",
    "Исабеков",
    "Қасымов",
    "Мұратов",
    "Нұрланов",
    "Оспанов",
    "Сейітқали",
    "Төлегенов",
    "Шәріпов",
    "Үсенов",
]
KK_NAMES_M = [
    "Айбек",
    "Арман",
    "Бауыржан",
    "Дамир",
    "Ерасыл",
    "Ерлан",
    "Жандос",
    "Нұрсұлтан",
    "Әлихан",
    "Санжар",
    "Темірлан",
    "Мирас",
    "Алдияр",
    "Ислам",
    "Асылжан",
    "Ақжол",
]
KK_NAMES_F = [
    "Айым",
    "Аружан",
    "Әлия",
    "Дана",
    "Жансая",
    "Іңкәр",
    "Мөлдір",
    "Нұрай",
    "Сезім",
    "Томирис",
    "Аяла",
    "Гүлназ",
    "Айша",
    "Дильназ",
    "Ақбөпе",
    "Ұлжан",
]
RU_SURNAMES_M = ["Иванов", "Петров", "Смирнов", "Ким", "Кузнецов", "Попов", "Соколов", "Лебедев"]
RU_NAMES_M = ["Александр", "Артём", "Максим", "Даниил", "Никита", "Илья", "Матвей", "Тимур"]
RU_NAMES_F = ["Анастасия", "Мария", "Полина", "София", "Алиса", "Виктория", "Ева", "Дарья"]
KK_FATHERS = ["Серік", "Болат", "Марат", "Нұрлан", "Ержан", "Қайрат", "Талғат", "Асқар"]
RU_FATHERS = ["Сергей", "Андрей", "Дмитрий", "Олег", "Виктор", "Игорь"]
SUBJECTS = [
    "қазақ тілі мен әдебиеті",
    "орыс тілі мен әдебиеті",
    "ағылшын тілі",
    "математика",
    "физика",
    "химия",
    "биология",
    "география",
    "Қазақстан тарихы",
    "информатика",
    "дене шынықтыру",
    "бастауыш сынып",
]
# Letters per grade at each demo school: a larger school with two classes per grade (the
# second in Russian where the school teaches in it), and two with one.
LETTERS = [("А", "Б"), ("А",), ("А",)]
DEMO_ACCOUNTS = {
    "class_teacher": "class.teacher@demo.mektep.kz",
    "parent": "parent@demo.mektep.kz",
    "student": "student@demo.mektep.kz",
}


class _IINs:
    """Valid, distinct demo IINs (serials above 9000 so that they never collide with the
    test fixtures' numbers)."""

    def __init__(self, start):
        self.serial = start

    def make(self, birth, female):
        century = (5 if birth.year >= 2000 else 3) + (1 if female else 0)
        while True:
            self.serial += 1
            prefix = f"{birth:%y%m%d}{century}{self.serial % 10000:04d}"
            digit = control_digit(prefix)
            if digit is not None:
                return prefix + str(digit)


def _kk_patronymic(father, female):
    return f"{father}{'қызы' if female else 'ұлы'}"


def _ru_patronymic(father, female):
    stem = father[:-1] + "е" if father.endswith("й") else father
    return f"{stem}{'вна' if female else 'вич'}"


def _person(rng, iins, birth, female, russian=False, surname=None):
    if russian:
        surname = surname or rng.choice(RU_SURNAMES_M)
        last = surname + "а" if female and not surname.endswith(("ий", "о", "к", "м")) else surname
        first = rng.choice(RU_NAMES_F if female else RU_NAMES_M)
        middle = _ru_patronymic(rng.choice(RU_FATHERS), female)
    else:
        surname = surname or rng.choice(KK_SURNAMES_M)
        last = surname + "а" if female and surname.endswith("ов") else surname
        first = rng.choice(KK_NAMES_F if female else KK_NAMES_M)
        middle = _kk_patronymic(rng.choice(KK_FATHERS), female)
    return Person(
        last_name=last,
        first_name=first,
        middle_name=middle,
        iin=iins.make(birth, female),
        birth_date=birth,
        sex="F" if female else "M",
    )


def populate(school, rng):
    year = AcademicYear.current_for(school)
    if SchoolClass.objects.filter(school=school, academic_year=year).exists():
        return
    # The demo schools in the order they were created: the first is the large one.
    index = min(School.objects.filter(pk__lt=school.pk).count(), len(LETTERS) - 1)
    letters = LETTERS[index]
    iins = _IINs(3000 * index)
    russian_letter = letters[-1] if "ru" in (school.languages_of_instruction or []) else None

    staff = []
    # Five in the administration, a class teacher for each class, three subject teachers.
    for _number in range(5 + 11 * len(letters) + 3):
        female = rng.random() < 0.8
        birth = datetime.date(rng.randint(1965, 1998), rng.randint(1, 12), rng.randint(1, 28))
        staff.append(_person(rng, iins, birth, female))
    Person.objects.bulk_create(staff)
    positions = [Position.DIRECTOR, Position.DEPUTY_ACADEMIC, Position.DEPUTY_UPBRINGING]
    positions += [Position.PSYCHOLOGIST, Position.SOCIAL_PEDAGOGUE]
    Employment.objects.bulk_create(
        Employment(
            person=person,
            school=school,
            position=positions[n] if n < len(positions) else Position.TEACHER,
            subjects="" if n < len(positions) else SUBJECTS[n % len(SUBJECTS)],
            qualification_category=rng.choice(
                [
                    QualificationCategory.MODERATOR,
                    QualificationCategory.EXPERT,
                    QualificationCategory.RESEARCHER,
                    QualificationCategory.PEDAGOGUE,
                ]
            ),
            education="Е. А. Бөкетов атындағы Қарағанды университеті",
            starts_on=datetime.date(rng.randint(2005, 2024), 9, 1),
        )
        for n, person in enumerate(staff)
    )
    teachers = staff[len(positions) :]

    classes = []
    for grade in range(1, 12):
        for letter in letters:
            language = "ru" if letter == russian_letter and len(letters) > 1 else "kk"
            if language not in (school.languages_of_instruction or ["kk"]):
                language = school.languages_of_instruction[0]
            classes.append(
                SchoolClass(
                    school=school,
                    academic_year=year,
                    grade=grade,
                    letter=letter,
                    language=language,
                    shift=1 if grade in (1, 5, 6, 9, 10, 11) else 2,
                    class_teacher=teachers[len(classes) % len(teachers)],
                    capacity=25,
                )
            )
    SchoolClass.objects.bulk_create(classes)
    classes = list(SchoolClass.objects.filter(school=school, academic_year=year))

    students, parents, links, placements = [], [], [], []
    for school_class in classes:
        russian = school_class.language == "ru"
        for _n in range(rng.randint(15, 22) if index < 2 else rng.randint(8, 14)):
            female = rng.random() < 0.5
            birth_year = year.start_year - 6 - school_class.grade
            birth = datetime.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
            family = rng.choice(RU_SURNAMES_M if russian else KK_SURNAMES_M)
            child = _person(rng, iins, birth, female, russian, family)
            students.append(child)
            placements.append((child, school_class))
            for parent_female in (True, False) if rng.random() < 0.6 else (True,):
                parent_birth = datetime.date(birth_year - rng.randint(24, 36), 5, 10)
                parent = _person(rng, iins, parent_birth, parent_female, russian, family)
                parents.append(parent)
                links.append((parent, child, "mother" if parent_female else "father"))
    Person.objects.bulk_create(students + parents, batch_size=1000)
    Enrolment.objects.bulk_create(
        Enrolment(
            student=child,
            school=school,
            school_class=school_class,
            starts_on=year.starts_on,
        )
        for child, school_class in placements
    )
    Guardianship.objects.bulk_create(
        Guardianship(guardian=parent, child=child, relation=relation)
        for parent, child, relation in links
    )
    if index == 0:
        _link_demo_accounts(classes, placements, links)


def _link(user, person_id):
    if user is None or Person.objects.filter(user=user).exists():
        return
    person = Person.objects.get(pk=person_id)
    person.user = user
    person.save(update_fields=["user"])
    user.last_name, user.first_name = person.last_name, person.first_name
    user.middle_name = person.middle_name
    user.save(update_fields=["last_name", "first_name", "middle_name"])


def _link_demo_accounts(classes, placements, links):
    """The demo's class teacher, parent and student accounts become people of school one,
    with the people's names."""
    users = get_user_model().objects.filter(email__in=DEMO_ACCOUNTS.values())
    by_email = {user.email: user for user in users}
    five = next(c for c in classes if c.grade == 5)
    pupil = next(child for child, school_class in placements if school_class.pk == five.pk)
    parent = next(p for p, child, _r in links if child.pk == pupil.pk)
    _link(by_email.get(DEMO_ACCOUNTS["class_teacher"]), five.class_teacher_id)
    _link(by_email.get(DEMO_ACCOUNTS["student"]), pupil.pk)
    _link(by_email.get(DEMO_ACCOUNTS["parent"]), parent.pk)
