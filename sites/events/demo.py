"""Demo events of a school site: the calendar and three events in kk, ru and en (two
upcoming with applications open, one past), and a few applications.

populate(school, rng) is idempotent: pages by slug, applications by (event, e-mail)."""

from datetime import timedelta

from django.utils import timezone

from schools.localization import translate_page

from .applications import ApplicationStatus, EventApplication
from .models import EventIndexPage, EventPage

INDEX = {"kk": "Іс-шаралар", "ru": "Мероприятия", "en": "Events"}
EVENTS = [
    {
        "slug": "open-day",
        "days": 10,
        "capacity": 40,
        "kk": (
            "Ашық есік күні",
            "Акт залы",
            "Ата-аналар мен болашақ оқушыларға мектеп таныстырылады.",
        ),
        "ru": (
            "День открытых дверей",
            "Актовый зал",
            "Знакомство со школой для родителей и будущих учеников.",
        ),
        "en": ("Open day", "Assembly hall", "Parents and future pupils get to know the school."),
    },
    {
        "slug": "science-fair",
        "days": 25,
        "capacity": 2,
        "kk": ("Ғылыми жобалар көрмесі", "Спорт залы", "Оқушылардың ғылыми жобаларының көрмесі."),
        "ru": ("Выставка научных проектов", "Спортзал", "Выставка научных проектов учеников."),
        "en": ("Science fair", "Gym", "Pupils show their science projects."),
    },
    {
        "slug": "autumn-concert",
        "days": -20,
        "capacity": 0,
        "kk": ("Күзгі концерт", "Акт залы", "Оқушылардың күзгі концерті."),
        "ru": ("Осенний концерт", "Актовый зал", "Осенний концерт учеников."),
        "en": ("Autumn concert", "Assembly hall", "The pupils' autumn concert."),
    },
]
APPLICATIONS = [
    ("open-day", "Айгүл Серікова", "aigul.parent@demo.mektep.kz", 2, "kk", "confirmed"),
    ("science-fair", "Ольга Иванова", "olga.parent@demo.mektep.kz", 2, "ru", "confirmed"),
    ("science-fair", "Daniyar Ospanov", "daniyar.parent@demo.mektep.kz", 1, "en", "waiting"),
]


def populate(school, rng):
    home = school.site.root_page.specific
    index = EventIndexPage.objects.child_of(home).filter(slug="events").first()
    if index is None:
        index = EventIndexPage(title=INDEX["kk"], slug="events", show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    translate_page(index, lambda code: {"title": INDEX[code]})
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    events = {}
    for spec in EVENTS:
        event = EventPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if event is None:
            title, place, summary = spec["kk"]
            start = now + timedelta(days=spec["days"], hours=rng.randint(0, 3))
            event = EventPage(
                title=title,
                slug=spec["slug"],
                place=place,
                summary=summary,
                start=start,
                end=start + timedelta(hours=2),
                applications_enabled=spec["days"] > 0,
                capacity=spec["capacity"],
            )
            index.add_child(instance=event)
            event.save_revision().publish()
        translate_page(
            event,
            lambda code, spec=spec: dict(
                zip(("title", "place", "summary"), spec[code], strict=True)
            ),
        )
        events[spec["slug"]] = event
    for slug, name, email, participants, language, status in APPLICATIONS:
        event = events[slug]
        if EventApplication.objects.filter(event=event, email=email).exists():
            continue
        EventApplication.objects.create(
            site=school.site,
            event=event,
            name=name,
            email=email,
            participants=participants,
            language=language,
            status=ApplicationStatus(status),
            consented_at=now,
            confirmation_sent_at=now,
        )
    return index
