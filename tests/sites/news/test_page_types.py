"""Wagtail's page tests for the news page types (creatable where allowed, renderable,
editable, previewable) and the editor's category choices scoped to the page's site."""

from unittest import mock

from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

import pytest

from schools.factories import DistrictFactory, create_school
from sites.news.models import NewsCategory, NewsIndexPage, NewsPage
from sites.pages.models import ContentPage, SchoolHomePage
from tests.conftest import SchoolAndAdminClient

from .conftest import add_news


class NewsPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = create_school("page-tests", district=DistrictFactory(code="page-tests"))
        cls.home = cls.school.site.root_page.specific
        cls.index = NewsIndexPage(title="Жаңалықтар", slug="news")
        cls.home.add_child(instance=cls.index)
        cls.index.save_revision().publish()
        cls.item = add_news(cls.index, "Білім күні", day=1, summary="1 қыркүйек")

    def setUp(self):
        super().setUp()
        # The first configured backend (security.backends.LockoutBackend) cannot restore a
        # session user; Wagtail's page assertions log in with the first one.
        self.enterContext(
            mock.patch(
                "wagtail.test.utils.page_tests.AUTH_BACKEND",
                "django.contrib.auth.backends.ModelBackend",
            )
        )
        # Pages are served per site: every request goes to the school's host.
        self.client = SchoolAndAdminClient(self.school.site.hostname)

    def item_post_data(self):
        return nested_form_data(
            {
                "title": "Білім күні",
                "slug": self.item.slug,
                "date": "2026-09-01 10:00",
                "summary": "1 қыркүйек",
                "body": streamfield([("paragraph", rich_text("<p>Салтанатты жиын</p>"))]),
                "tags": "мереке",
                "comments_enabled": "on",
                "source_name": "",
                "source_url": "",
                "comments": inline_formset([]),
            }
        )

    def test_where_news_pages_can_be_created(self):
        self.assertCanCreateAt(SchoolHomePage, NewsIndexPage)
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(SchoolHomePage, NewsPage)
        self.assertCanNotCreateAt(ContentPage, NewsPage)
        self.assertCanNotCreateAt(NewsPage, NewsPage)

    def test_news_page_can_be_created_through_the_admin(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Жаңа жаңалық",
                "slug": "jana",
                "date": "2026-11-23 10:00",
                "summary": "Қысқаша",
                "body": streamfield([]),
                "tags": "спорт",
                "comments_enabled": "on",
                "source_name": "",
                "source_url": "",
                "comments": inline_formset([]),
            }
        )
        self.assertCanCreate(self.index, NewsPage, data)

    def test_renderable(self):
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.item)
        self.assertPageIsRenderable(self.index, query_data={"tag": "спорт", "page": "2"})

    def test_editable(self):
        self.assertPageIsEditable(self.index)
        self.assertPageIsEditable(self.item, post_data=self.item_post_data())

    def test_previewable(self):
        self.assertPageIsPreviewable(self.index)
        self.assertPageIsPreviewable(self.item, post_data=self.item_post_data())


@pytest.mark.django_db
def test_editor_offers_only_the_sites_categories(client, school_a, school_b, admin_a, news_item):
    kk = Locale.objects.get(language_code="kk")
    NewsCategory.objects.create(site=school_a.site, locale=kk, name="Own category", slug="own")
    NewsCategory.objects.create(site=school_b.site, locale=kk, name="B category", slug="b")
    client.force_login(admin_a)
    html = client.get(f"/admin/pages/{news_item.pk}/edit/").content.decode()
    assert "Own category" in html and "B category" not in html
    add = client.get(f"/admin/pages/add/sites_news/newspage/{news_item.get_parent().pk}/")
    assert "Own category" in add.content.decode() and "B category" not in add.content.decode()


@pytest.mark.django_db
def test_category_snippets_are_scoped_to_the_admins_site(client, school_a, school_b, admin_a):
    kk = Locale.objects.get(language_code="kk")
    own = NewsCategory.objects.create(site=school_a.site, locale=kk, name="Own cat", slug="own")
    other = NewsCategory.objects.create(site=school_b.site, locale=kk, name="Cat of B", slug="b")
    client.force_login(admin_a)
    base = "/admin/snippets/sites_news/newscategory/"
    listing = client.get(base)
    assert listing.status_code == 200
    assert "Own cat" in listing.content.decode() and "Cat of B" not in listing.content.decode()
    assert client.get(f"{base}edit/{own.pk}/").status_code == 200
    for url in (
        f"{base}edit/{other.pk}/",
        f"{base}delete/{other.pk}/",
        f"{base}usage/{other.pk}/",
        f"{base}history/{other.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (403, 404) or response.get("Location") == "/admin/", (
            url,
            response.status_code,
        )
    chooser = client.get("/admin/snippets/choose/sites_news/newscategory/")
    if chooser.status_code == 200:
        assert "Cat of B" not in chooser.content.decode()
    # The site field of the add form only offers the admin's own site.
    add = client.get(f"{base}add/").content.decode()
    assert school_a.site.hostname in add or school_a.site.site_name in add
    assert school_b.site.site_name not in add
    created = client.post(
        f"{base}add/",
        {"site": school_b.site.pk, "name": "Sneaky", "slug": "sneaky", "locale": kk.pk},
    )
    assert created.status_code == 200  # form error: not one of the available choices
    assert not NewsCategory.objects.filter(name="Sneaky").exists()
