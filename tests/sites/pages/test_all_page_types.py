"""Wagtail's page tests for every page type of sites/, in one place: created where allowed and
nowhere else, renderable in kk, ru and en, editable (the admin edit view opens and saves) and
previewable, on the realistic school site (realistic_site.py). A page type added to sites/
fails test_every_page_type_of_sites_is_listed until it is given its parents here.

The apps' own modules test what is particular to each type (forms, filters, structured
data); this module makes sure no type misses the common checks."""

from django.utils import translation
from django.utils.html import escape

from wagtail.models import get_page_models
from wagtail.test.utils import WagtailPageTestCase

import pytest

from tests.conftest import ADMIN_HOST, SchoolAndAdminClient

from .test_query_budget import PAGE_TYPES

# Where each page type may be created: the only parents the admin offers.
PARENTS = {
    "sites_pages.PlatformHomePage": {"wagtailcore.Page"},
    "sites_pages.PortalHomePage": {"wagtailcore.Page"},
    "sites_pages.SchoolHomePage": {"wagtailcore.Page"},
    "sites_pages.SectionPage": {
        "sites_pages.PlatformHomePage",
        "sites_pages.PortalHomePage",
        "sites_pages.SchoolHomePage",
        "sites_pages.SectionPage",
    },
    "sites_pages.ContentPage": {
        "sites_pages.ContentPage",
        "sites_pages.PlatformHomePage",
        "sites_pages.PortalHomePage",
        "sites_pages.SchoolHomePage",
        "sites_pages.SectionPage",
    },
    "sites_pages.ContactsPage": {
        "sites_pages.PlatformHomePage",
        "sites_pages.PortalHomePage",
        "sites_pages.SchoolHomePage",
        "sites_pages.SectionPage",
    },
    "sites_pages.StaffDirectoryPage": {"sites_pages.SchoolHomePage", "sites_pages.SectionPage"},
    "sites_news.NewsIndexPage": {
        "sites_pages.PlatformHomePage",
        "sites_pages.PortalHomePage",
        "sites_pages.SchoolHomePage",
    },
    "sites_news.NewsPage": {"sites_news.NewsIndexPage"},
    "sites_galleries.PhotoGalleryPage": {
        "sites_pages.PlatformHomePage",
        "sites_pages.PortalHomePage",
        "sites_pages.SchoolHomePage",
        "sites_pages.SectionPage",
    },
    "sites_galleries.VideoGalleryPage": {
        "sites_pages.PlatformHomePage",
        "sites_pages.PortalHomePage",
        "sites_pages.SchoolHomePage",
        "sites_pages.SectionPage",
    },
    "sites_feedback.FeedbackFormPage": {
        "sites_pages.ContentPage",
        "sites_pages.PortalHomePage",
        "sites_pages.SchoolHomePage",
    },
    "sites_events.EventIndexPage": {
        "sites_pages.ContentPage",
        "sites_pages.PortalHomePage",
        "sites_pages.SchoolHomePage",
    },
    "sites_events.EventPage": {"sites_events.EventIndexPage"},
    "sites_vacancies.VacancyIndexPage": {"sites_pages.ContentPage", "sites_pages.SchoolHomePage"},
    "sites_vacancies.VacancyPage": {"sites_vacancies.VacancyIndexPage"},
}


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def _sites_page_models():
    return {m._meta.label for m in get_page_models() if m._meta.app_label.startswith("sites_")}


@pytest.fixture
def wagtail_case(client):
    """Wagtail's page assertions (WagtailPageTestCase) on pytest's client."""
    case = WagtailPageTestCase()
    case.client = client
    return case


def test_every_page_type_of_sites_is_listed():
    assert _sites_page_models() == set(PARENTS)


@pytest.mark.parametrize("label", sorted(PARENTS))
def test_created_where_allowed_and_nowhere_else(wagtail_case, label):
    model = _model(label)
    parents = {_model(parent) for parent in PARENTS[label]}
    wagtail_case.assertAllowedParentPageTypes(model, parents)
    for other in _sites_page_models() - PARENTS[label]:
        wagtail_case.assertCanNotCreateAt(_model(other), model)
    for parent in parents - {_model("wagtailcore.Page")}:
        wagtail_case.assertCanCreateAt(parent, model)


def _translated_page(site, label):
    """The first live page of the type on the site whose kk, ru and en versions are live."""
    for page in (
        _model(label).objects.descendant_of(site.root_page, inclusive=True).live().order_by("path")
    ):
        versions = {p.locale.language_code: p for p in page.get_translations(inclusive=True).live()}
        if {"kk", "ru", "en"} <= set(versions):
            return versions
    raise AssertionError(f"the realistic site has no {label} in kk, ru and en")


@pytest.mark.django_db
@pytest.mark.parametrize("label", PAGE_TYPES)
def test_renders_in_three_languages(client, realistic_site, label):
    site = realistic_site["site"]
    for code, page in _translated_page(site, label).items():
        response = client.get(page.get_url(current_site=site), HTTP_HOST=site.hostname)
        assert response.status_code == 200, (label, code)
        html = response.content.decode()
        assert f'<html lang="{code}">' in html, (label, code)
        assert escape(page.title) in html, (label, code)


@pytest.mark.django_db
@pytest.mark.parametrize("label", PAGE_TYPES)
def test_renderable_editable_previewable(wagtail_case, realistic_site, label):
    from wagtail.coreutils import get_dummy_request

    site = realistic_site["site"]
    kk = _translated_page(site, label)["kk"].specific
    wagtail_case.dummy_request = get_dummy_request(site=site)
    wagtail_case.client = SchoolAndAdminClient(site.hostname)
    with translation.override("kk"):
        wagtail_case.assertPageIsRenderable(kk)
        wagtail_case.assertPageIsEditable(kk, post_data=_edit_data(wagtail_case, kk))
        wagtail_case.assertPageIsPreviewable(kk, post_data=_edit_data(wagtail_case, kk))


def _edit_data(case, page):
    """The edit form as scraped from the edit view (Wagtail's helper), with each StreamField
    posted empty: StreamFields render only with JavaScript, and an edit that empties them
    must save too (their own content is tested by each app)."""
    from wagtail.fields import StreamField
    from wagtail.test.utils.form_data import querydict_from_html

    from accounts.factories import UserFactory

    user = UserFactory(email=f"editor-{page.pk}@example.kz", is_superuser=True, is_staff=True)
    case.client.force_login(user)
    html = case.client.get(f"/admin/pages/{page.pk}/edit/", HTTP_HOST=ADMIN_HOST).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            data[f"{field.name}-count"] = "0"
    return data
