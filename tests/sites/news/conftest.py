"""News fixtures: a news index on school A (kk, with ru/en translations), items, users."""

import datetime

from django.utils import timezone

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

import pytest

from accounts.factories import UserFactory
from sites.news.models import NewsCategory, NewsIndexPage, NewsPage


def translate(page, language):
    """Publish the `language` version of `page` (its parent must be translated already)."""
    translation = page.copy_for_translation(Locale.objects.get(language_code=language))
    translation.title = f"{page.title} [{language}]"
    translation.save_revision().publish()
    return translation.specific


def add_news(index, title, day=1, **fields):
    item = NewsPage(
        title=title,
        date=timezone.make_aware(datetime.datetime(2026, 11, day, 10, 0)),
        **fields,
    )
    index.add_child(instance=item)
    item.save_revision().publish()
    return item


@pytest.fixture
def news_index(school_a):
    home = school_a.site.root_page.specific
    index = NewsIndexPage(title="Жаңалықтар", slug="news")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def news_index_translated(news_index):
    return {"kk": news_index, "ru": translate(news_index, "ru"), "en": translate(news_index, "en")}


@pytest.fixture
def news_item(news_index):
    return add_news(news_index, "Мектепте спорт күні өтті", day=23, summary="Спорт күні")


@pytest.fixture
def cover(school_a):
    return Image.objects.create(
        title="cover", file=get_test_image_file(size=(800, 450)), collection=school_a.collection
    )


@pytest.fixture
def category_a(school_a):
    kk = Locale.objects.get(language_code="kk")
    return NewsCategory.objects.create(site=school_a.site, locale=kk, name="Спорт", slug="sport")


@pytest.fixture
def member():
    return UserFactory(email="parent@example.kz", first_name="Айгүл", last_name="Серікова")


def host(school):
    return {"HTTP_HOST": school.site.hostname}
