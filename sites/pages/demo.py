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
# Other people for the staff pages: each demo school draws its own (same positions).
STAFF_NAMES = [
    (
        "Айгүл Серікқызы Жұмабаева",
        "Ерлан Қайратұлы Әбенов",
        "Наталья Викторовна Ким",
        "Дәурен Бекұлы Сапаров",
    ),
    (
        "Гүлнар Төлеуқызы Омарова",
        "Сергей Петрович Волков",
        "Әсел Маратқызы Иманова",
        "Бауыржан Серікұлы Тұрсынов",
    ),
    (
        "Мәдина Нұрланқызы Қасымова",
        "Асхат Болатұлы Жақыпов",
        "Елена Сергеевна Павленко",
        "Ақбота Ерланқызы Сейітова",
    ),
]
COLOURS = [(11, 92, 173), (0, 96, 107), (29, 58, 138)]
MOTTOS = [
    {
        "kk": "Білім — болашақтың кілті",
        "ru": "Знание — ключ к будущему",
        "en": "Knowledge is the key to the future",
    },
    {
        "kk": "Достық пен еңбек — біздің күшіміз",
        "ru": "Дружба и труд — наша сила",
        "en": "Friendship and work are our strength",
    },
    {
        "kk": "Әр оқушы — болашақ көшбасшы",
        "ru": "Каждый ученик — будущий лидер",
        "en": "Every pupil is a future leader",
    },
]
NOTICES = {
    "kk": [
        ("1-сыныпқа құжаттар қабылдау 1 сәуірде басталады.", False),
        ("Қатты аязға байланысты 1–4-сыныптар 8 желтоқсанда қашықтан оқиды.", True),
    ],
    "ru": [
        ("Приём документов в 1 класс начинается 1 апреля.", False),
        ("Из-за сильных морозов 8 декабря 1–4 классы учатся дистанционно.", True),
    ],
    "en": [
        ("Applications for grade 1 open on 1 April.", False),
        ("Because of severe frost, grades 1–4 learn from home on 8 December.", True),
    ],
}
ADMISSION_LINK = {"kk": "1-сыныпқа қабылдау", "ru": "Приём в 1 класс", "en": "Grade 1 admission"}
HERO_BUTTON = {"kk": "Ата-аналарға", "ru": "Родителям", "en": "For parents"}
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


def _staff(code, photos, names):
    administration, teachers = STAFF_GROUPS[code]
    stream = [{"type": "group", "value": administration}]
    for index, ((_name, positions, subjects), name) in enumerate(zip(STAFF, names, strict=True)):
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
    variant = _variant(school)
    colour = COLOURS[variant]
    names = STAFF_NAMES[variant]
    figure = demo_image(
        collection, "Мектеп ғимараты", size=(1600, 900), colour=colour, kind="building"
    )
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
            text=name,
            kind="portrait",
        )
        for index, name in enumerate(names)
    ]
    _ensure(
        section,
        StaffDirectoryPage,
        "staff",
        {
            code: {"title": STAFF_TITLES[code], "staff": _staff(code, photos, names)}
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
            collection, "Логотип", size=(256, 256), colour=colour, text=school.name, kind="emblem"
        )
        branding.favicon = demo_image(
            collection, "Фавикон", size=(256, 256), colour=colour, text=school.name, kind="emblem"
        )
        branding.save()
    _home_page(school, figure, variant, section)
    return section


def _variant(school):
    """Which of the demo's names, colours and mottos a school gets: fixed per school."""
    return sum(school.slug.encode()) % len(STAFF_NAMES)


def _home_page(school, cover, variant, about):
    """The home page's cover, motto, notices and button for parents, once per language."""
    from wagtail.models import Locale

    home = school.site.root_page.specific
    for code in ("kk", "ru", "en"):
        page = home.get_translation_or_none(Locale.objects.get(language_code=code))
        if page is None or page.specific.sections:
            continue
        page = page.specific
        admissions = page.get_children().live().filter(slug="admissions").first()
        target = admissions or about.get_translation_or_none(page.locale) or about
        links = []
        if admissions is not None:
            links = [{"label": ADMISSION_LINK[code], "page": admissions}]
        page.sections = [
            (
                "hero",
                {
                    "cover": cover,
                    "motto": MOTTOS[variant][code],
                    "button_label": HERO_BUTTON[code],
                    "button_page": target,
                },
            ),
            ("news", {"title": "", "count": 3}),
            ("events", {"title": "", "count": 3}),
            ("quick_links", {"title": "", "links": links}),
            ("contacts", {"title": ""}),
        ]
        page.notices = [
            ("notice", {"text": text, "important": important, "page": None})
            for text, important in NOTICES[code]
        ]
        page.save_revision().publish()
