"""Every public page type of a school site stays within the foundation's query budget (15,
bench/README.md) on a realistic site (tests/sites/pages/realistic_site.py): page cache cold,
site caches warm (as bench/run.py counts), for an anonymous visitor and a logged-in member.

A behaviour guard against per-item and per-region queries; speed itself is measured in
bench/, never here."""

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from schools.page_cache import invalidate_site_pages

BUDGET = 15
PAGE_TYPES = [
    "sites_pages.SchoolHomePage",
    "sites_pages.SectionPage",
    "sites_pages.ContentPage",
    "sites_pages.ContactsPage",
    "sites_pages.StaffDirectoryPage",
    "sites_galleries.PhotoGalleryPage",
    "sites_galleries.VideoGalleryPage",
    "sites_news.NewsIndexPage",
    "sites_news.NewsPage",
    "sites_feedback.FeedbackFormPage",
    "sites_events.EventIndexPage",
    "sites_events.EventPage",
    "sites_vacancies.VacancyIndexPage",
    "sites_vacancies.VacancyPage",
]
VISITORS = ["anonymous", "member"]


def page_url(data, label):
    if label == "sites_news.NewsPage":
        page = data["item"]  # the item with 20 comments
    else:
        model = apps.get_model(label)
        page = (
            model.objects.descendant_of(data["site"].root_page, inclusive=True)
            .live()
            .order_by("path")
            .first()
        )
    assert page is not None, f"the realistic site has no {label}"
    return page.get_url(current_site=data["site"])


def visit(client, data, visitor):
    if visitor == "member":
        client.force_login(data["member"])
    return {"HTTP_HOST": data["site"].hostname}


def render_cold(client, url, host):
    client.get(url, **host)  # warms the site caches and makes the renditions
    invalidate_site_pages()  # the page itself is rendered again
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **host)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("label", PAGE_TYPES)
def test_page_type_within_query_budget(
    client, realistic_site, django_assert_max_num_queries, label, visitor
):
    url = page_url(realistic_site, label)
    host = visit(client, realistic_site, visitor)
    client.get(url, **host)
    invalidate_site_pages()
    with django_assert_max_num_queries(BUDGET):
        response = client.get(url, **host)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_news_index_costs_the_same_for_12_and_50_items(client, realistic_site, visitor):
    from sites.news.models import NewsIndexPage

    index = NewsIndexPage.objects.get(pk=realistic_site["index"].pk)
    host = visit(client, realistic_site, visitor)
    counts = {}
    for per_page in (12, 50):
        index.items_per_page = per_page
        index.save_revision().publish()
        counts[per_page] = render_cold(client, index.get_url(current_site=index.get_site()), host)
    assert counts[12] == counts[50] <= BUDGET, counts


@pytest.mark.django_db
def test_page_types_of_the_budget_are_all_of_a_school_site(realistic_site):
    """A page type added to sites/ and used on a school site joins the budget test."""
    from wagtail.models import Page

    used = {
        page.specific_class._meta.label
        for page in Page.objects.descendant_of(realistic_site["site"].root_page, inclusive=True)
    }
    assert used <= set(PAGE_TYPES), used - set(PAGE_TYPES)


@pytest.mark.django_db
def test_cached_site_data_follows_a_change(client, realistic_site):
    """Territory links, customisation and SEO settings come from the cache, and a saved
    change shows on the next page."""
    from sites.customisation.models import SiteCustomisation
    from sites.notices.models import TerritoryLink
    from sites.seo.models import SeoSettings

    site = realistic_site["site"]
    host = {"HTTP_HOST": site.hostname}
    assert "Портал 0" in client.get("/kk/about/", **host).content.decode()
    link = TerritoryLink.objects.get(title_kk="Портал 0")
    link.title_kk = "Аудан порталы"
    link.save()
    custom = SiteCustomisation.objects.get(site=site)
    custom.header_html = "<p>Жаңа хабарландыру</p>"
    custom.save()
    seo = SeoSettings.objects.get(site=site)
    seo.google_verification = "changed-token"
    seo.save()
    invalidate_site_pages()
    html = client.get("/kk/about/", **host).content.decode()
    assert "Аудан порталы" in html
    assert "Жаңа хабарландыру" in html
    assert 'content="changed-token"' in html
