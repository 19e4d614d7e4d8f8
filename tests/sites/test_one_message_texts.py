"""No text assembled from fragments (issue 23): each language orders its own words in one
message with placeholders, numbers carry the language's thousands separator and dates the
language's one format. Vacancies (salary range, "open until"), the event application
deadline, the comment login line."""

import datetime

from django.utils import timezone

import pytest

from tests.sites.events.conftest import make_event
from tests.sites.events.conftest import make_index as make_event_index
from tests.sites.vacancies.conftest import host, make_index, make_vacancy

pytestmark = pytest.mark.django_db
NBSP = "\xa0"


def test_vacancy_salary_and_deadline_read_naturally(client, school_a):
    index = make_index(school_a)
    day = datetime.date(2030, 2, 4)
    make_vacancy(index, salary_min=250000, salary_max=350000, valid_through=day, slug="math")
    make_vacancy(index, title="Физика", salary_min=180000, valid_through=day, slug="physics")
    kk = client.get("/kk/vacancies/math/", **host(school_a)).content.decode()
    assert f"250{NBSP}000–350{NBSP}000 ₸" in kk
    assert "4 ақпан 2030 ж." in kk
    only_min = client.get("/kk/vacancies/physics/", **host(school_a)).content.decode()
    assert f"180{NBSP}000 ₸ бастап" in only_min and "дейін" not in only_min.split("₸")[1][:20]
    listing = client.get("/kk/vacancies/", **host(school_a)).content.decode()
    assert "4 ақпан 2030 ж. дейін ашық" in listing


def test_event_deadline_is_one_sentence_in_each_language(client, school_a):
    deadline = timezone.make_aware(datetime.datetime(2030, 11, 20, 18, 0))
    make_event(
        make_event_index(school_a),
        days=400,
        applications_enabled=True,
        capacity=5,
        application_deadline=deadline,
        slug="fair",
    )
    kk = client.get("/kk/events/fair/", **host(school_a)).content.decode()
    assert "Өтінімдер 20 қараша 2030 ж. 18:00 дейін қабылданады." in kk


def test_comment_login_line_is_one_sentence(client, school_a):
    from sites.news.models import NewsIndexPage
    from tests.sites.news.conftest import add_news

    index = NewsIndexPage(title="Жаңалықтар", slug="news")
    school_a.site.root_page.add_child(instance=index)
    index.save_revision().publish()
    item = add_news(index, "Спорт күні")
    html = client.get(
        item.url_path.replace(school_a.site.root_page.url_path, "/kk/"), **host(school_a)
    )
    html = html.content.decode()
    assert "Пікір қалдыру үшін платформадағы тіркелгіңізбен <a href=" in html, html
