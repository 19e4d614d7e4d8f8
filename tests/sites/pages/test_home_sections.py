"""The school home page composes itself from the site's content (issue 23, point 2): cover
with motto and notices, latest news as cards, upcoming events, links for parents to the pages
that exist, contacts with a map that needs no tile server; editors reorder and hide parts."""

import random
import re
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from wagtail.models import Locale, PageViewRestriction

import pytest

pytestmark = pytest.mark.django_db

APPS = ["sites.pages", "sites.news", "sites.feedback", "sites.events", "sites.vacancies"]


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """One demo-like school for the module, rolled back at the end (building takes a while);
    each test runs in its own savepoint."""
    import importlib

    from django.db import transaction

    from schools.factories import DistrictFactory, create_school
    from schools.management.commands.demo_load import Command as DemoLoad

    with django_db_blocker.unblock(), transaction.atomic():
        school = create_school("home-parts", district=DistrictFactory(code="home-parts-district"))
        DemoLoad().add_content_pages(school)
        for number, name in enumerate(APPS):
            importlib.import_module(f"{name}.demo").populate(school, random.Random(number))
        yield school
        transaction.set_rollback(True)


@pytest.fixture
def school(built):
    # A test's changes are rolled back without signals: forget what the caches hold.
    from schools import site_data
    from schools.page_cache import invalidate_site_pages
    from sites.pages.home_sections import PARTS_VERSION

    site_data.forget(PARTS_VERSION)
    invalidate_site_pages()
    return built


def get(school, path):
    response = Client(HTTP_HOST=school.site.hostname).get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def order_of(html, *markers):
    return [html.index(marker) for marker in markers]


def test_default_parts_show_the_sites_content_in_kk_and_ru(school):
    from sites.events.models import EventPage
    from sites.news.models import NewsPage

    kk = Locale.objects.get(language_code="kk")
    html = get(school, "/kk/")
    # Cover: the school's name as the heading, motto, notices, the button for parents.
    assert re.search(r'<h1 id="home-title">[^<]*</h1>', html)
    assert "Білім — болашақтың кілті" in html or "hero__motto" in html
    assert 'class="notice notice--important"' in html and "Маңызды:" in html
    # The three latest public news items, newest first, with a link to all news.
    latest = list(
        NewsPage.objects.live()
        .filter(locale=kk)
        .order_by("-date", "-pk")[:4]
        .values_list("title", flat=True)
    )
    positions = order_of(html, *latest[:3])
    assert positions == sorted(positions)
    assert latest[3] not in html
    assert html.count('<article class="card">') == 3
    assert "Барлық жаңалықтар" in html
    # Upcoming events only (the past concert is not announced), with a date badge.
    upcoming = EventPage.objects.live().filter(locale=kk, end__gte=timezone.now())
    past = EventPage.objects.live().filter(locale=kk, end__lt=timezone.now()).first()
    assert all(event.title in html for event in upcoming)
    assert past is not None and past.title not in html
    assert 'class="date-badge"' in html
    # Links for parents to pages that exist, in the page's language.
    for label in ("Сұрақ қою", "Іс-шараға өтінім беру", "Бос жұмыс орындары", "1-сыныпқа"):
        assert label in html, label
    # Contacts with a drawn map: no frame to a tile server on the home page.
    assert 'class="static-map"' in html and "<iframe" not in html
    assert "2gis.kz" in html
    ru = get(school, "/ru/")
    assert "Задать вопрос" in ru and "Ближайшие мероприятия" in ru and "Все новости" in ru
    assert "Сұрақ қою" not in ru


def test_members_only_news_never_reach_the_home_page(school):
    from sites.news.models import NewsPage

    newest = NewsPage.objects.live().filter(locale__language_code="kk").order_by("-date").first()
    assert newest.title in get(school, "/kk/")
    PageViewRestriction.objects.create(page=newest, restriction_type=PageViewRestriction.LOGIN)
    assert newest.title not in get(school, "/kk/")


def test_a_new_item_shows_at_once_and_a_missing_page_loses_its_link(school):
    from sites.news.models import NewsIndexPage, NewsPage
    from sites.vacancies.models import VacancyIndexPage

    html = get(school, "/kk/")
    index = NewsIndexPage.objects.get(locale__language_code="kk", slug="news")
    item = NewsPage(title="Жаңа спорт алаңы ашылды", slug="new-field", date=timezone.now())
    index.add_child(instance=item)
    item.save_revision().publish()
    assert "Жаңа спорт алаңы ашылды" in get(school, "/kk/")
    assert "Бос жұмыс орындары" in html
    for vacancies in VacancyIndexPage.objects.all():
        vacancies.unpublish()
    assert "Бос жұмыс орындары" not in get(school, "/kk/")


def test_editors_reorder_and_hide_parts(school):
    from sites.pages.models import SchoolHomePage

    home = SchoolHomePage.objects.get(locale__language_code="kk", pk=school.site.root_page_id)
    home.sections = [("contacts", {"title": ""}), ("news", {"title": "Біздің өмір", "count": 2})]
    home.save_revision().publish()
    html = get(school, "/kk/")
    assert html.index('class="static-map"') < html.index("Біздің өмір")
    assert html.count('<article class="card">') == 2
    assert 'class="hero"' not in html and 'class="event-list"' not in html
    assert f"<h1>{home.title}</h1>" in html  # the page keeps its heading without the cover


def test_an_empty_list_gives_the_standard_layout(school):
    from sites.pages.models import SchoolHomePage

    home = SchoolHomePage.objects.get(
        locale__language_code="ru", translation_key=(school.site.root_page.translation_key)
    )
    home.sections = []
    home.save_revision().publish()
    html = get(school, "/ru/")
    assert order_of(
        html,
        'class="hero"',
        "home-news-title",
        "home-events-title",
        "home-links-title",
        "home-contacts-title",
    ) == sorted(
        order_of(
            html,
            'class="hero"',
            "home-news-title",
            "home-events-title",
            "home-links-title",
            "home-contacts-title",
        )
    )


def test_upcoming_means_not_ended(school):
    from sites.events.models import EventPage

    event = EventPage.objects.live().filter(locale__language_code="kk").order_by("start").last()
    event.start = timezone.now() - timedelta(days=2)
    event.end = timezone.now() - timedelta(days=1)
    event.save_revision().publish()
    assert event.title not in get(school, "/kk/")
