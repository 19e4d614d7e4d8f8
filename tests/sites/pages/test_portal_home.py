"""A portal's home page (issue 23, point 3): the territory's schools as cards with a district
filter and a schematic map, news with one card per story ("published by N schools", with the
schools' badges), the schools' upcoming events and open vacancies; members-only news never
appears."""

from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def territory(db):
    from schools.factories import DistrictFactory, create_school
    from schools.models import Portal, Region
    from schools.provisioning import provision_portal
    from sites.events.models import EventIndexPage, EventPage
    from sites.news.models import NewsIndexPage, NewsPage
    from sites.vacancies.models import VacancyIndexPage, VacancyPage

    region = Region.objects.get(code="karaganda")
    north = DistrictFactory(code="north-district", name_kk="Солтүстік аудан")
    south = DistrictFactory(code="south-district", name_kk="Оңтүстік аудан")
    portal = provision_portal(
        Portal.Kind.REGION,
        "region-portal.localhost",
        {"kk": "Облыс порталы", "ru": "Портал области", "en": "Region portal"},
        slug="region-portal",
        region=region,
    )
    schools = [
        create_school("north-one", district=north, sequence=1),
        create_school("north-two", district=north, sequence=2),
        create_school("south-one", district=south, sequence=3),
    ]
    now = timezone.now()
    items = {}
    for number, school in enumerate(schools):
        home = school.site.root_page.specific
        index = NewsIndexPage(title="Жаңалықтар", slug="news")
        home.add_child(instance=index)
        index.save_revision().publish()
        # The same district story written up by the two northern schools.
        if school.district == north:
            shared = NewsPage(title="Аудандық спартакиада өтті", slug="spartakiada", date=now)
            index.add_child(instance=shared)
            shared.save_revision().publish()
            items[school.slug, "shared"] = shared
        own = NewsPage(
            title=f"Мектеп жаңалығы {number}",
            slug="own",
            date=now - timedelta(days=number + 1),
        )
        index.add_child(instance=own)
        own.save_revision().publish()
        items[school.slug, "own"] = own
        calendar = EventIndexPage(title="Іс-шаралар", slug="events")
        home.add_child(instance=calendar)
        calendar.save_revision().publish()
        event = EventPage(
            title=f"Ашық есік күні {number}",
            slug="open-day",
            start=now + timedelta(days=3 + number),
            end=now + timedelta(days=3 + number, hours=2),
        )
        calendar.add_child(instance=event)
        event.save_revision().publish()
        board = VacancyIndexPage(title="Бос жұмыс орындары", slug="vacancies")
        home.add_child(instance=board)
        board.save_revision().publish()
        vacancy = VacancyPage(
            title=f"Физика мұғалімі {number}",
            slug="physics",
            position="Физика мұғалімі",
            valid_through=date.today() + timedelta(days=20),
            school=school,
        )
        board.add_child(instance=vacancy)
        vacancy.save_revision().publish()
    # The southern school republishes the first school's story (a copy with its source).
    south_index = NewsIndexPage.objects.get(
        pk__in=schools[2].site.root_page.get_children().values("pk")
    )
    original = items["north-one", "shared"]
    copy = NewsPage(
        title="Солтүстіктегі спартакиада",
        slug="copy",
        date=now,
        source_name="north-one",
        source_url=original.get_full_url(),
    )
    south_index.add_child(instance=copy)
    copy.save_revision().publish()
    return {"portal": portal, "schools": schools, "items": items}


def get(territory, path):
    client = Client(HTTP_HOST=territory["portal"].site.hostname)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_schools_cards_district_filter_and_map(territory):
    html = get(territory, "/kk/")
    for school in territory["schools"]:
        assert school.name in html
        assert f'href="{school.site.root_url}/kk/"' in html
    assert html.count('class="card school-card"') == 3
    assert '<select id="district-filter" name="district">' in html
    assert "Солтүстік аудан (2)" in html and "Оңтүстік аудан (1)" in html
    assert html.count('class="school-map__dot"') == 3
    assert "Аумақ картасы: 3 мектеп" in html
    south = get(territory, "/kk/?district=south-district")
    assert south.count('class="card school-card"') == 1
    assert "school-map__tile--chosen" in south


def test_each_story_once_with_the_schools_that_published_it(territory):
    html = get(territory, "/kk/")
    assert html.count("Аудандық спартакиада өтті") == 1
    assert "Солтүстіктегі спартакиада" not in html  # the copy is not a story of its own
    assert "3 мектеп жариялады" in html
    story = html[html.index("Аудандық спартакиада өтті") :]
    story = story[: story.index("</article>")]
    for school in territory["schools"]:
        assert f'class="badge" href="{school.site.root_url}">{school.name}</a>' in story


def test_members_only_news_never_reach_the_portal(territory):
    own = territory["items"]["south-one", "own"]
    assert own.title in get(territory, "/kk/")
    PageViewRestriction.objects.create(page=own, restriction_type=PageViewRestriction.LOGIN)
    own.save_revision().publish()  # the index follows publishing (sites.syndication)
    assert own.title not in get(territory, "/kk/")


def test_events_and_vacancies_of_the_territory(territory):
    html = get(territory, "/kk/")
    for number in range(len(territory["schools"])):
        assert f"Ашық есік күні {number}" in html
        assert f"Физика мұғалімі {number}" in html
    assert "Өтінім беру мерзімі:" in html
    assert html.index("Ашық есік күні 0") < html.index("Ашық есік күні 2")  # soonest first
