"""News index and news pages: rendering in kk/ru/en, dates, filters, paging, queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest

from schools.page_cache import invalidate_site_pages
from sites.news.templatetags.news_tags import news_date

from .conftest import add_news, host, translate

pytestmark = pytest.mark.django_db


def test_news_date_has_local_month_names():
    import datetime

    day = datetime.date(2026, 11, 23)
    with translation.override("kk"):
        assert news_date(day) == "2026 жылғы 23 қараша"
    with translation.override("ru"):
        assert news_date(day) == "23 ноября 2026"
    with translation.override("en"):
        assert news_date(day) == "23 November 2026"


def test_news_page_renders_in_three_languages(client, school_a, news_index_translated, cover):
    item = add_news(
        news_index_translated["kk"],
        "Мектепте спорт күні өтті",
        day=23,
        cover_image=cover,
        source_name="Қарағанды облысы білім басқармасы",
        source_url="https://example.kz/news/1",
    )
    item.tags.add("спорт")
    item.save_revision().publish()
    expected_month = {"kk": "қараша", "ru": "ноября", "en": "November"}
    for language in ("ru", "en"):
        translate(item, language)
    for language, month in expected_month.items():
        response = client.get(f"/{language}/news/{item.slug}/", **host(school_a))
        assert response.status_code == 200, language
        html = response.content.decode()
        assert month in html
        assert "<img" in html  # cover image
        assert "Қарағанды облысы білім басқармасы" in html
        assert '<link rel="canonical" href="https://example.kz/news/1">' in html
        assert "#спорт" in html


def test_index_lists_items_and_filters_by_tag(client, school_a, news_index):
    sport = add_news(news_index, "Спорт жарысы", day=2)
    sport.tags.add("спорт")
    sport.save_revision().publish()
    add_news(news_index, "Ата-аналар жиналысы", day=3)
    response = client.get("/kk/news/", **host(school_a))
    html = response.content.decode()
    assert "Спорт жарысы" in html and "Ата-аналар жиналысы" in html
    filtered = client.get("/kk/news/?tag=спорт", **host(school_a)).content.decode()
    assert "Спорт жарысы" in filtered and "Ата-аналар жиналысы" not in filtered


def test_index_filters_by_category_in_every_language(
    client, school_a, news_index_translated, category_a
):
    from wagtail.models import Locale

    ru_category = category_a.copy_for_translation(Locale.objects.get(language_code="ru"))
    ru_category.name, ru_category.slug = "Спорт (ru)", "sport-ru"
    ru_category.save()
    index = news_index_translated["kk"]
    sport = add_news(index, "Футбол турнирі", day=4)
    sport.categories.add(category_a)
    sport.save_revision().publish()
    add_news(index, "Кітап апталығы", day=5)
    html = client.get("/kk/news/?category=sport", **host(school_a)).content.decode()
    assert "Футбол турнирі" in html and "Кітап апталығы" not in html
    # The Russian version of the item shows the Russian name of the category.
    translate(sport, "ru")
    ru_html = client.get("/ru/news/", **host(school_a)).content.decode()
    assert "Спорт (ru)" in ru_html
    ru_filtered = client.get("/ru/news/?category=sport-ru", **host(school_a)).content.decode()
    assert "Футбол турнирі [ru]" in ru_filtered


def test_index_pages_through_items(client, school_a, news_index):
    news_index.items_per_page = 2
    news_index.save_revision().publish()
    for day in range(1, 6):
        add_news(news_index, f"Жаңалық {day}", day=day)
    first = client.get("/kk/news/", **host(school_a)).content.decode()
    assert "Жаңалық 5" in first and "Жаңалық 3" not in first
    assert 'rel="next" href="?page=2"' in first
    third = client.get("/kk/news/?page=3", **host(school_a)).content.decode()
    assert "Жаңалық 1" in third and "Жаңалық 5" not in third
    # A page number out of range or not a number shows a page, not an error.
    assert client.get("/kk/news/?page=99", **host(school_a)).status_code == 200
    assert client.get("/kk/news/?page=abc", **host(school_a)).status_code == 200


def count_queries(client, school, path):
    client.get(path, **host(school))  # renditions created, site caches warm
    invalidate_site_pages()  # as bench/run.py: the page is rendered, not served from cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **host(school))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_index_queries_do_not_grow_with_items(client, school_a, news_index, cover, category_a):
    """50 items with covers, tags and categories cost what 2 items cost, and at most 6
    queries more than a plain content page of the same site (bench/README.md)."""
    from sites.pages.models import ContentPage

    plain = ContentPage(title="Біз туралы", slug="about")
    school_a.site.root_page.add_child(instance=plain)
    plain.save_revision().publish()
    baseline, _html = count_queries(client, school_a, "/kk/about/")

    news_index.items_per_page = 50
    news_index.save_revision().publish()

    def add(n):
        item = add_news(news_index, f"Жаңалық {n}", day=1 + n % 28, cover_image=cover)
        item.tags.add(f"тег{n % 5}")
        item.categories.add(category_a)
        item.save_revision().publish()

    for n in range(2):
        add(n)
    few, _html = count_queries(client, school_a, "/kk/news/")
    for n in range(2, 50):
        add(n)
    many, html = count_queries(client, school_a, "/kk/news/")
    assert html.count('class="news-card"') == 50
    assert many == few
    assert many <= baseline + 7, (baseline, many)


def test_other_schools_news_not_on_site_a(client, school_a, school_b, news_index):
    from sites.news.models import NewsIndexPage

    index_b = NewsIndexPage(title="News B", slug="news")
    school_b.site.root_page.add_child(instance=index_b)
    index_b.save_revision().publish()
    add_news(index_b, "Only school B", day=3)
    html = client.get("/kk/news/", **host(school_a)).content.decode()
    assert "Only school B" not in html


def test_unknown_filters_show_a_message_not_an_error(client, school_a, news_index):
    add_news(news_index, "Жаңалық", day=3)
    for query in ("?category=no-such", "?tag=жоқ", "?tag=" + "ә" * 500, "?category=%00"):
        response = client.get(f"/kk/news/{query}", **host(school_a))
        assert response.status_code == 200, query
        assert "Бұл сүзгіге сай жаңалық жоқ." in response.content.decode(), query
