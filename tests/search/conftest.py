"""Fixtures for search: pages published the way editors publish them (signals → Celery tasks
after commit, eager in tests), in the three languages of two schools."""

import datetime

from django.utils import timezone

from wagtail.models import Locale, Page

import pytest

from sites.news.models import NewsIndexPage, NewsPage
from sites.pages.models import ContentPage


def home(school, language):
    root = school.site.root_page
    return root.get_translation(Locale.objects.get(language_code=language)).specific


def rich(text):
    return [("paragraph", f"<p>{text}</p>")]


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """publish(parent, page) adds and publishes a page, running the indexing tasks."""

    def _publish(parent, page):
        with django_capture_on_commit_callbacks(execute=True):
            parent.add_child(instance=page)
            page.save_revision().publish()
        return page

    return _publish


@pytest.fixture
def make_page(publish):
    def _make(school, language, title, text="", summary="", parent=None):
        page = ContentPage(title=title, summary=summary, body=rich(text))
        return publish(parent or home(school, language), page)

    return _make


@pytest.fixture
def make_news(publish):
    indexes = {}

    def _make(school, language, title, text="", date=None):
        key = (school.pk, language)
        if key not in indexes:
            indexes[key] = publish(
                home(school, language), NewsIndexPage(title="News", slug=f"news-{language}")
            )
        page = NewsPage(
            title=title,
            body=rich(text),
            date=date or timezone.make_aware(datetime.datetime(2025, 3, 1, 10, 0)),
        )
        return publish(indexes[key], page)

    return _make


def find(client, school, query, language="kk", **params):
    """GET the search page of a school; returns (response, [result titles])."""
    response = client.get(
        f"/{language}/search/", {"q": query, **params}, HTTP_HOST=school.site.hostname
    )
    results = response.context["results"] if response.context else None
    titles = [str(_strip_marks(h.title)) for h in results.hits] if results else []
    return response, titles


def _strip_marks(html):
    return html.replace("<mark>", "").replace("</mark>", "")


__all__ = ["Page", "find", "home", "rich"]
