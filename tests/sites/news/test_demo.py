"""sites.news.demo and sites.feedback.demo: real-looking content, idempotent."""

import random

import pytest

from sites.feedback.demo import populate as populate_feedback
from sites.feedback.models import FeedbackFormPage, FeedbackSubmission
from sites.news.comments import NewsComment
from sites.news.demo import populate
from sites.news.models import NewsCategory, NewsPage

from .conftest import host

pytestmark = pytest.mark.django_db


def counts():
    return (
        NewsPage.objects.count(),
        NewsCategory.objects.count(),
        NewsComment.objects.count(),
        FeedbackFormPage.objects.count(),
        FeedbackSubmission.objects.count(),
    )


def test_demo_news_and_feedback_are_complete_and_idempotent(client, school_a):
    populate(school_a, random.Random(1))
    populate_feedback(school_a, random.Random(1))
    first = counts()
    assert first == (30, 9, 3, 3, 2)  # 10 items and 3 categories in kk/ru/en
    assert all(item.cover_image_id for item in NewsPage.objects.all())
    assert NewsComment.objects.filter(status="published").count() == 3
    populate(school_a, random.Random(1))
    populate_feedback(school_a, random.Random(1))
    assert counts() == first
    for language, title in (("kk", "Жаңалықтар"), ("ru", "Новости"), ("en", "News")):
        html = client.get(f"/{language}/news/", **host(school_a)).content.decode()
        assert f"<h1>{title}</h1>" in html
        assert html.count('class="news-card"') == 10
    ru_item = client.get("/ru/news/futbol-turniri/", **host(school_a)).content.decode()
    assert "Второе место" in ru_item and "Спорт" in ru_item
    for language in ("kk", "ru", "en"):
        assert client.get(f"/{language}/feedback/", **host(school_a)).status_code == 200
