"""Demo vacancies of a school site in kk, ru and en: the index and two open vacancies.

populate(school, rng) is idempotent: pages by slug."""

from datetime import timedelta

from django.utils import timezone

from schools.localization import translate_page

from .models import EmploymentType, VacancyIndexPage, VacancyPage

INDEX = {"kk": "Бос жұмыс орындары", "ru": "Вакансии", "en": "Vacancies"}
VACANCIES = [
    {
        "slug": "math-teacher",
        "subjects": ",math,",
        "employment_type": EmploymentType.FULL_TIME,
        "salary_min": 250000,
        "salary_max": 350000,
        "kk": ("Математика пәні мұғалімі", "<p>Жоғары педагогикалық білім, санат.</p>"),
        "ru": ("Учитель математики", "<p>Высшее педагогическое образование, категория.</p>"),
        "en": (
            "Mathematics teacher",
            "<p>Higher education in teaching, a qualification category.</p>",
        ),
    },
    {
        "slug": "english-teacher",
        "subjects": ",english,primary,",
        "employment_type": EmploymentType.PART_TIME,
        "salary_min": None,
        "salary_max": None,
        "kk": ("Ағылшын тілі мұғалімі", "<p>Бастауыш сыныптарда жұмыс тәжірибесі.</p>"),
        "ru": ("Учитель английского языка", "<p>Опыт работы в начальных классах.</p>"),
        "en": ("English teacher", "<p>Experience with primary classes.</p>"),
    },
]


def populate(school, rng):
    home = school.site.root_page.specific
    index = VacancyIndexPage.objects.child_of(home).filter(slug="vacancies").first()
    if index is None:
        index = VacancyIndexPage(title=INDEX["kk"], slug="vacancies", show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    translate_page(index, lambda code: {"title": INDEX[code]})
    for spec in VACANCIES:
        vacancy = VacancyPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if vacancy is None:
            position, requirements = spec["kk"]
            vacancy = VacancyPage(
                title=position,
                slug=spec["slug"],
                position=position,
                requirements=requirements,
                subjects=spec["subjects"],
                employment_type=spec["employment_type"],
                salary_min=spec["salary_min"],
                salary_max=spec["salary_max"],
                contacts=(
                    f"+7 7172 {rng.randint(100000, 999999)}\noffice@{school.slug}.demo.mektep.kz"
                ),
                valid_through=timezone.localdate() + timedelta(days=60),
            )
            index.add_child(instance=vacancy)
            vacancy.save_revision().publish()

        def values(code, spec=spec):
            position, requirements = spec[code]
            return {"title": position, "position": position, "requirements": requirements}

        translate_page(vacancy, values)
    return index
