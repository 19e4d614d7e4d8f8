"""The starter tree of a new school: the pages every school site has, in kk, ru and en, with
placeholder text the school replaces (about, staff, news, events, contacts, feedback,
vacancies, documents), shown in the menu, so a new site is never a blank page.

build_starter_tree(school) is idempotent (pages found by slug under the home page); run it
with `manage.py school_starter_tree <slug>`. Page types of other apps are looked up by name:
an app that is not installed simply leaves its page out."""

from django.apps import apps
from django.db import transaction

from schools.localization import adopt_site_translations, translate_page

PLACEHOLDER = {
    "kk": "Бұл мәтінді мектеп туралы өз мәліметіңізбен алмастырыңыз.",
    "ru": "Замените этот текст сведениями о вашей школе.",
    "en": "Replace this text with information about your school.",
}

# (slug, model label, {language: title}, {language: introduction})
STARTER = [
    (
        "about",
        "sites_pages.SectionPage",
        {"kk": "Мектеп туралы", "ru": "О школе", "en": "About the school"},
        {
            "kk": "Мектептің тарихы, миссиясы және жетістіктері.",
            "ru": "История, миссия и достижения школы.",
            "en": "The school's history, mission and achievements.",
        },
    ),
    (
        "staff",
        "sites_pages.StaffDirectoryPage",
        {"kk": "Педагогтер құрамы", "ru": "Педагогический состав", "en": "Our staff"},
        {
            "kk": "Әкімшілік пен педагогтер: лауазымы, пәндері, байланысы.",
            "ru": "Администрация и педагоги: должность, предметы, контакты.",
            "en": "Administration and teachers: positions, subjects, contacts.",
        },
    ),
    (
        "news",
        "sites_news.NewsIndexPage",
        {"kk": "Жаңалықтар", "ru": "Новости", "en": "News"},
        {
            "kk": "Мектеп өмірінен жаңалықтар.",
            "ru": "Новости из жизни школы.",
            "en": "News from school life.",
        },
    ),
    (
        "events",
        "sites_events.EventIndexPage",
        {"kk": "Іс-шаралар", "ru": "Мероприятия", "en": "Events"},
        {
            "kk": "Алдағы іс-шаралар және оларға өтінім беру.",
            "ru": "Ближайшие мероприятия и запись на них.",
            "en": "Upcoming events and how to apply.",
        },
    ),
    (
        "contacts",
        "sites_pages.ContactsPage",
        {"kk": "Байланыс", "ru": "Контакты", "en": "Contacts"},
        {},
    ),
    (
        "feedback",
        "sites_feedback.FeedbackFormPage",
        {"kk": "Сұрақ қою", "ru": "Задать вопрос", "en": "Ask a question"},
        {
            "kk": "Сұрағыңызды жазыңыз: мектеп әкімшілігі электрондық пошта арқылы жауап береді.",
            "ru": "Напишите свой вопрос: администрация школы ответит по электронной почте.",
            "en": "Write your question: the school's administration answers by e-mail.",
        },
    ),
    (
        "vacancies",
        "sites_vacancies.VacancyIndexPage",
        {"kk": "Бос жұмыс орындары", "ru": "Вакансии", "en": "Vacancies"},
        {
            "kk": "Мектептегі бос жұмыс орындары.",
            "ru": "Открытые вакансии школы.",
            "en": "Open positions at the school.",
        },
    ),
    (
        "documents",
        "sites_pages.ContentPage",
        {"kk": "Құжаттар", "ru": "Документы", "en": "Documents"},
        {
            "kk": "Жарғы, лицензия, ережелер және есептер.",
            "ru": "Устав, лицензия, положения и отчёты.",
            "en": "Charter, licence, regulations and reports.",
        },
    ),
]


def _fields(label, code, titles, intros, school):
    """The fields of one starter page in one language."""
    paragraph = f"<p>{intros.get(code, '')}</p><p>{PLACEHOLDER[code]}</p>"
    fields = {"title": titles[code]}
    rich_intro = (
        "sites_pages.SectionPage",
        "sites_pages.StaffDirectoryPage",
        "sites_feedback.FeedbackFormPage",
    )
    if label in rich_intro:
        fields["intro"] = paragraph
    elif label == "sites_pages.ContentPage":
        fields["summary"] = intros.get(code, "")
        fields["body"] = [("paragraph", paragraph)]
    elif label == "sites_pages.ContactsPage":
        fields["locality"] = (
            school.district.name_kk
            if code == "kk"
            else (school.district.name_ru if code == "ru" else school.district.name_en)
        )
        fields["street_address"] = {
            "kk": "Көшенің атауы, үй нөмірі",
            "ru": "Название улицы, номер дома",
            "en": "Street name, building number",
        }[code]
    else:
        fields["intro"] = intros.get(code, "")
    return fields


@transaction.atomic
def build_starter_tree(school, recipients=None):
    """The starter pages under the school's home page, live in kk/ru/en; returns the kk pages
    created now (none when the tree exists)."""
    home = school.site.root_page.specific
    created = []
    for slug, label, titles, intros in STARTER:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        page = home.get_children().filter(slug=slug).first()
        if page is None:
            page = model(
                slug=slug, show_in_menus=True, **_fields(label, "kk", titles, intros, school)
            )
            if label == "sites_feedback.FeedbackFormPage":
                page.recipients = recipients or f"info@{school.site.hostname}"
            home.add_child(instance=page)
            page.save_revision().publish()
            created.append(page)
        translate_page(
            page,
            lambda code, label=label, titles=titles, intros=intros: _fields(
                label, code, titles, intros, school
            ),
        )
    # The ru/en pages were written here, not through the translation editor: let
    # wagtail-localize own them so that editors translate and sync as everywhere else.
    adopt_site_translations(home)
    return created
