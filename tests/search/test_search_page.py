"""The public search page: scope (site, territory), language, visibility, highlighting,
facets, paging, "did you mean", no-result help and bad input."""

import datetime

from django.db import connection
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from schools.factories import DistrictFactory, create_school
from schools.models import Portal
from schools.provisioning import provision_portal
from search.backends import database
from search.models import SearchEntry
from sites.events.models import EventIndexPage, EventPage
from sites.vacancies.models import VacancyIndexPage, VacancyPage

from .conftest import find, home


def test_school_site_finds_only_its_own_pages_in_its_language(
    client, school_a, school_b, make_page
):
    make_page(school_a, "kk", "Кітапхана А", "Кітапхана жұмыс істейді.")
    make_page(school_b, "kk", "Кітапхана Б", "Кітапхана жұмыс істейді.")
    make_page(school_a, "ru", "Библиотека А", "Кітапхана по-казахски.")
    _response, titles = find(client, school_a, "кітапхана")
    assert titles == ["Кітапхана А"]
    _response, titles = find(client, school_b, "кітапхана")
    assert titles == ["Кітапхана Б"]
    _response, titles = find(client, school_a, "библиотека", language="ru")
    assert titles == ["Библиотека А"]


def test_portals_and_platform_search_their_territory(client, school_a, school_b, make_page):
    other_district = DistrictFactory(code="other-district")
    school_c = create_school("school-c", district=other_district, sequence=3)
    for school in (school_a, school_b, school_c):
        make_page(school, "kk", f"Олимпиада {school.slug}", "Олимпиада нәтижелері.")
    titles = {"kk": "Портал", "ru": "Портал", "en": "Portal"}
    district_portal = provision_portal(
        Portal.Kind.DISTRICT, "district.localhost", titles, "district-portal",
        district=school_a.district,
    )  # fmt: skip
    region_portal = provision_portal(
        Portal.Kind.REGION, "region.localhost", titles, "region-portal",
        region=school_a.district.region,
    )  # fmt: skip
    platform = provision_portal(Portal.Kind.PLATFORM, "platform.localhost", titles, "platform")

    def titles_on(portal):
        response = client.get("/kk/search/", {"q": "олимпиадалар"}, HTTP_HOST=portal.site.hostname)
        return sorted(str(h.title).replace("<mark>", "").replace("</mark>", "")
                      for h in response.context["results"].hits)  # fmt: skip

    assert titles_on(district_portal) == ["Олимпиада school-a", "Олимпиада school-b"]
    expected_region = ["Олимпиада school-a", "Олимпиада school-b"]
    if other_district.region_id == school_a.district.region_id:
        expected_region.append("Олимпиада school-c")
    assert titles_on(region_portal) == sorted(expected_region)
    assert titles_on(platform) == [
        "Олимпиада school-a", "Олимпиада school-b", "Олимпиада school-c"
    ]  # fmt: skip
    # Links to another school's page keep that school's host.
    response = client.get("/kk/search/", {"q": "олимпиада"}, HTTP_HOST="platform.localhost")
    assert all(h.url.startswith("http://school-") for h in response.context["results"].hits)


def test_unpublished_restricted_moved_and_deleted_pages(
    client, school_a, school_b, make_page, django_capture_on_commit_callbacks
):
    page = make_page(school_a, "kk", "Құпия жоспар", "Жоспар мәтіні.")
    assert find(client, school_a, "жоспар")[1] == ["Құпия жоспар"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert find(client, school_a, "жоспар")[1] == []
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=page).delete()
    assert find(client, school_a, "жоспар")[1] == ["Құпия жоспар"]
    with django_capture_on_commit_callbacks(execute=True):
        page.move(school_b.site.root_page, pos="last-child")
    assert find(client, school_a, "жоспар")[1] == []
    assert find(client, school_b, "жоспар")[1] == ["Құпия жоспар"]
    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.unpublish()
    assert find(client, school_b, "жоспар")[1] == []
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert find(client, school_b, "жоспар")[1] == ["Құпия жоспар"]
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert find(client, school_b, "жоспар")[1] == []
    assert not SearchEntry.objects.filter(key=f"page:{page.pk}").exists()


def test_snippets_escape_then_mark(client, school_a, make_page):
    make_page(
        school_a, "kk", "Кеңес <script>alert(1)</script>",
        "Ата-аналарға кеңес: <img src=x onerror=alert(1)> мектепке келіңіз.",
    )  # fmt: skip
    response, _titles = find(client, school_a, "кеңес")
    html = response.content.decode()
    assert "<mark>Кеңес</mark>" in html  # the title
    assert "Ата-аналарға <mark>кеңес</mark>:" in html  # the snippet of the text
    assert "<script>alert(1)" not in html
    assert "onerror=alert(1)>" not in html
    assert "&lt;script&gt;" in html


def test_facets_by_type_and_year_and_paging(client, school_a, make_page, make_news):
    import datetime

    from django.utils import timezone

    for number in range(12):
        year = 2024 if number % 2 else 2025
        make_news(
            school_a, "kk", f"Жарыс {number}", "Спорт жарысы.",
            date=timezone.make_aware(datetime.datetime(year, 5, 1)),
        )  # fmt: skip
    make_page(school_a, "kk", "Жарыстар ережесі", "Жарыстар туралы.")
    response, titles = find(client, school_a, "жарыстар")
    results = response.context["results"]
    assert results.total == 13 and len(titles) == 10 and results.num_pages == 2
    kinds = {f.value: f.count for f in results.kinds}
    assert kinds == {"news": 12, "page": 1}
    years = {f.value: f.count for f in results.years}
    assert years["2024"] == 6
    response, titles = find(client, school_a, "жарыстар", page=2)
    assert len(titles) == 3
    response, titles = find(client, school_a, "жарыстар", type="page")
    assert titles == ["Жарыстар ережесі"]
    response, titles = find(client, school_a, "жарыстар", type="news", year=2024)
    assert len(titles) == 6
    assert 'href="?q=' in response.content.decode()  # facet links keep the query


def test_events_and_vacancies_have_their_type_and_date(client, school_a, publish, make_page):
    start = timezone.make_aware(datetime.datetime(2030, 4, 10, 10, 0))
    events = publish(home(school_a, "kk"), EventIndexPage(title="Іс-шаралар", slug="events"))
    publish(events, EventPage(title="Футбол турнирі", start=start, end=start, place="Стадион"))
    vacancies = publish(
        home(school_a, "kk"), VacancyIndexPage(title="Бос орындар", slug="vacancies")
    )
    publish(
        vacancies,
        VacancyPage(
            title="Дене шынықтыру мұғалімі: футбол",
            position="Дене шынықтыру мұғалімі",
            subjects=",pe,",
            valid_through=timezone.localdate() + datetime.timedelta(days=30),
        ),
    )
    make_page(school_a, "kk", "Футбол үйірмесі", "Футбол сабақтары.")
    response, _titles = find(client, school_a, "футбол")
    results = response.context["results"]
    assert {f.value: f.count for f in results.kinds} == {"event": 1, "vacancy": 1, "page": 1}
    event = next(h for h in results.hits if h.kind == "event")
    assert event.date == start  # an event is dated by its start, not by its publication
    _response, titles = find(client, school_a, "футбол", type="vacancy")
    assert titles == ["Дене шынықтыру мұғалімі: футбол"]
    _response, titles = find(client, school_a, "футбол", year=2030)
    assert titles == ["Футбол турнирі"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL caps the candidates")
def test_large_result_sets_show_a_capped_count(client, school_a, make_page, monkeypatch):
    for number in range(5):
        make_page(school_a, "kk", f"Кесте {number}", "Сабақ кестесі.")
    monkeypatch.setattr(database, "MAX_CANDIDATES", 3)
    response, titles = find(client, school_a, "кесте")
    results = response.context["results"]
    assert results.capped and results.total == 3 and len(titles) == 3
    assert sum(f.count for f in results.kinds) == 3  # facets count the same candidates
    assert "3-ден астам нәтиже" in response.content.decode()  # "more than 3", in Kazakh
    monkeypatch.setattr(database, "MAX_CANDIDATES", 5)
    response, _titles = find(client, school_a, "кесте")
    assert not response.context["results"].capped  # exactly 5 is not "more than 5"


def test_did_you_mean_and_no_result_help(client, school_a, make_page):
    make_page(school_a, "kk", "Олимпиада", "Математикалық олимпиада.")
    response, titles = find(client, school_a, "олимпиадп")
    assert titles == []
    results = response.context["results"]
    assert results.suggestion == "олимпиада"
    html = response.content.decode()
    assert "олимпиадп" in html  # what the visitor typed stays in the box
    assert "Емлесін тексеріңіз" in html  # no-result help, in Kazakh


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_000,
        "мектеп " * 2_000,
        '"мектеп" AND NOT оқушы OR (kitap*) ~2 ^3',
        "'; DROP TABLE mektep_search_searchentry; --",
        "title:мектеп AND body:[* TO *] /regex.*/ \\",
        "NEAR(мектеп оқушы, 5) {мектеп} -мектеп +мектеп",
        "😀🏫📚",
        "мектеп 😀",
        "%00\x00 <script>alert(1)</script>",
    ],
)
def test_bad_input_gives_a_normal_results_page(client, school_a, make_page, query):
    make_page(school_a, "kk", "Мектеп", "Мектеп туралы.")
    response = client.get("/kk/search/", {"q": query}, HTTP_HOST=school_a.site.hostname)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_bad_facet_and_page_values_are_ignored(client, school_a, make_page):
    make_page(school_a, "kk", "Мектеп", "Мектеп туралы.")
    response = client.get(
        "/kk/search/",
        {"q": "мектеп", "page": "abc", "year": "-1"},
        HTTP_HOST=school_a.site.hostname,
    )
    assert response.status_code == 200
    # The query itself is kept: the page is found, and the box still holds what was typed.
    assert response.context["results"].total == 1
    assert 'value="мектеп"' in response.content.decode()


def test_header_region_has_a_search_box(client, school_a):
    response = client.get("/kk/", HTTP_HOST=school_a.site.hostname)
    assert 'action="/kk/search/"' in response.content.decode()
