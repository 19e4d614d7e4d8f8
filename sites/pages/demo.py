"""Demo content of a school site: a section "About the school" with its history, staff and
contacts pages in kk, ru and en, and the site's logo and favicon.

populate(school, rng) is idempotent: pages are found by slug, images by title, so running it
again changes nothing (demo_load calls it for every demo school)."""

from schools.localization import translate_page

from .demo_images import demo_image
from .models import ContactsPage, ContentPage, SectionPage, SiteBranding, StaffDirectoryPage

# demo_load's own pages use "about" and "contacts" at the top of the site.
SECTION_SLUG = "our-school"
SECTION = {
    "kk": ("Мектеп туралы", "<p>Мектебіміздің тарихы, ұжымы және байланыс деректері.</p>"),
    "ru": ("О школе", "<p>История нашей школы, коллектив и контакты.</p>"),
    "en": ("About the school", "<p>Our school's history, staff and contacts.</p>"),
}
HISTORY = {
    "kk": (
        "Мектеп тарихы",
        "1965 жылдан бері",
        "<p>Мектеп 1965 жылы ашылды. Бүгін мұнда 1200-ден астам оқушы білім алады.</p>",
        ["Жыл", "Оқиға"],
        [["1965", "Мектептің ашылуы"], ["1998", "Жаңа спорт залы"], ["2020", "STEM зертханасы"]],
        ("1-сыныпқа қабылдау", "Өтінімдер 1 сәуірден 31 тамызға дейін қабылданады.", "Өтініш беру"),
    ),
    "ru": (
        "История школы",
        "С 1965 года",
        "<p>Школа открылась в 1965 году. Сегодня здесь учатся более 1200 учеников.</p>",
        ["Год", "Событие"],
        [["1965", "Открытие школы"], ["1998", "Новый спортзал"], ["2020", "STEM-лаборатория"]],
        ("Приём в 1 класс", "Заявления принимаются с 1 апреля по 31 августа.", "Подать заявление"),
    ),
    "en": (
        "History of the school",
        "Since 1965",
        "<p>The school opened in 1965. Today more than 1,200 students learn here.</p>",
        ["Year", "Event"],
        [["1965", "The school opens"], ["1998", "A new gym"], ["2020", "A STEM laboratory"]],
        ("Admission to grade 1", "Applications are accepted from 1 April to 31 August.", "Apply"),
    ),
}
STAFF = [
    # (name, {lang: position}, {lang: subjects})
    (
        "Айгүл Серікқызы Жұмабаева",
        {"kk": "Директор", "ru": "Директор", "en": "Director"},
        {"kk": "Математика", "ru": "Математика", "en": "Mathematics"},
    ),
    (
        "Ерлан Қайратұлы Әбенов",
        {
            "kk": "Директордың оқу ісі жөніндегі орынбасары",
            "ru": "Заместитель директора по учебной работе",
            "en": "Deputy director for academic affairs",
        },
        {"kk": "Физика", "ru": "Физика", "en": "Physics"},
    ),
    (
        "Наталья Викторовна Ким",
        {"kk": "Мұғалім", "ru": "Учитель", "en": "Teacher"},
        {"kk": "Орыс тілі мен әдебиеті", "ru": "Русский язык и литература", "en": "Russian"},
    ),
    (
        "Дәурен Бекұлы Сапаров",
        {"kk": "Мұғалім", "ru": "Учитель", "en": "Teacher"},
        {"kk": "Информатика", "ru": "Информатика", "en": "Computer science"},
    ),
]
STAFF_GROUPS = {
    "kk": ("Әкімшілік", "Педагогтер"),
    "ru": ("Администрация", "Педагоги"),
    "en": ("Administration", "Teachers"),
}
STAFF_TITLES = {"kk": "Педагогтер құрамы", "ru": "Педагогический состав", "en": "Our staff"}
CONTACTS = {
    "kk": (
        "Байланыс деректері",
        "Қарағанды",
        "Бейбітшілік көшесі, 15",
        "Қабылдау бөлмесі",
        "Дс–Жм",
    ),
    "ru": ("Контактные данные", "Караганда", "улица Бейбитшилик, 15", "Приёмная", "Пн–Пт"),
    "en": ("Contact details", "Karaganda", "15 Beibitshilik Street", "Reception", "Mon–Fri"),
}


def _history_body(code, figure, rng):
    title, _summary, text, header, rows, (cta_title, cta_text, cta_label) = HISTORY[code]
    return [
        {"type": "paragraph", "value": text},
        {
            "type": "image",
            "value": {"image": figure.pk, "alt_text": title, "caption": title},
        },
        {
            "type": "table",
            "value": {
                "data": [header, *rows],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": title,
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "title": cta_title,
                "text": cta_text,
                "button_label": cta_label,
                "page": None,
                "url": "https://egov.kz/",
            },
        },
    ]


def _staff(code, photos):
    administration, teachers = STAFF_GROUPS[code]
    stream = [{"type": "group", "value": administration}]
    for index, (name, positions, subjects) in enumerate(STAFF):
        if index == 2:
            stream.append({"type": "group", "value": teachers})
        stream.append(
            {
                "type": "member",
                "value": {
                    "name": name,
                    "photo": photos[index].pk,
                    "position": positions[code],
                    "subjects": subjects[code],
                    "phone": "",
                    "email": f"staff{index + 1}@example.kz",
                    "about": "",
                },
            }
        )
    return stream


def _contacts_fields(code, school):
    title, locality, street, reception, weekdays = CONTACTS[code]
    return {
        "title": title,
        "postal_code": "100000",
        "locality": locality,
        "street_address": street,
        "phones": [{"type": "phone", "value": {"label": reception, "number": "+7 7212 00 00 00"}}],
        "emails": [
            {"type": "email", "value": {"label": "", "email": f"info@{school.slug}.example.kz"}}
        ],
        "working_hours": [{"type": "hours", "value": {"days": weekdays, "hours": "08:00–18:00"}}],
        "map": [
            {
                "type": "map",
                "value": {
                    "title": "",
                    "url": "https://yandex.kz/maps/?ll=73.1025,49.8060&z=17",
                    "latitude": None,
                    "longitude": None,
                    "zoom": 17,
                },
            }
        ],
    }


def _ensure(parent, model, slug, fields_by_language):
    """The page under `parent` (kk) and its live ru/en translations, created once."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields_by_language["kk"])
        parent.add_child(instance=page)
        page.save_revision().publish()
    translate_page(page, lambda code: fields_by_language[code])
    return page


def populate(school, rng):
    home = school.site.root_page.specific
    collection = school.collection
    section = _ensure(
        home,
        SectionPage,
        SECTION_SLUG,
        {
            code: {"title": title, "intro": intro, "show_in_menus": True}
            for code, (title, intro) in SECTION.items()
        },
    )
    figure = demo_image(collection, "Мектеп ғимараты", colour=(40, 110, 70), text=school.slug)
    _ensure(
        section,
        ContentPage,
        "history",
        {
            code: {
                "title": HISTORY[code][0],
                "summary": HISTORY[code][1],
                "body": _history_body(code, figure, rng),
            }
            for code in HISTORY
        },
    )
    photos = [
        demo_image(
            collection,
            f"Портрет {index + 1}",
            size=(480, 600),
            colour=(rng.randint(60, 160), rng.randint(60, 160), rng.randint(60, 160)),
        )
        for index in range(len(STAFF))
    ]
    _ensure(
        section,
        StaffDirectoryPage,
        "staff",
        {
            code: {"title": STAFF_TITLES[code], "staff": _staff(code, photos)}
            for code in STAFF_TITLES
        },
    )
    _ensure(
        section,
        ContactsPage,
        "contacts",
        {code: _contacts_fields(code, school) for code in CONTACTS},
    )
    branding = SiteBranding.for_site(school.site)
    if branding.logo_id is None or branding.favicon_id is None:
        branding.logo = demo_image(
            collection, "Логотип", size=(400, 120), colour=(11, 92, 173), text=school.slug
        )
        branding.favicon = demo_image(collection, "Фавикон", size=(256, 256), colour=(11, 92, 173))
        branding.save()
    return section
