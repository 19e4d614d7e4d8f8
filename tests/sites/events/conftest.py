from datetime import timedelta

from django.utils import timezone

import pytest

from sites.events.models import EventIndexPage, EventPage


def host(school):
    return {"HTTP_HOST": school.site.hostname}


def make_index(school):
    index = EventIndexPage(title="Іс-шаралар", slug="events")
    school.site.root_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_event(index, title="Ашық есік күні", days=7, **fields):
    start = timezone.now() + timedelta(days=days)
    values = {"start": start, "end": start + timedelta(hours=2), "place": "Акт залы"}
    values.update(fields)
    event = EventPage(title=title, **values)
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


def translate(page, code):
    from wagtail.models import Locale

    translation = page.copy_for_translation(
        Locale.objects.get(language_code=code), copy_parents=True
    )
    translation.save_revision().publish()
    return translation


@pytest.fixture
def index_a(school_a):
    return make_index(school_a)


@pytest.fixture
def event_a(index_a):
    event = make_event(index_a, applications_enabled=True, capacity=3)
    translate(event, "ru")
    translate(event, "en")
    return event


VALID = {
    "name": "Айгүл Серікова",
    "email": "aigul@example.kz",
    "phone": "+7 701 123 45 67",
    "participants": "1",
    "comment": "",
    "consent": "on",
    "website": "",
}
