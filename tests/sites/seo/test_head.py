"""What the head of a school page tells search engines and social networks."""

import json
import re

from django.core.exceptions import ValidationError

import pytest

from sites.news.models import NewsIndexPage, NewsPage
from sites.pages.models import ContentPage
from sites.seo.models import PageSeo, SeoSettings

pytestmark = pytest.mark.django_db


def jsonld(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def get(client, path, host="school-a.localhost"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def make_news(school, **fields):
    home = school.site.root_page
    index = NewsIndexPage(title="News", slug="news")
    home.add_child(instance=index)
    news = NewsPage(title="Sports day", slug="sports-day", summary="We ran.", **fields)
    index.add_child(instance=news)
    news.save_revision().publish()
    return news


def test_school_home_has_canonical_description_and_school_data(client, school_a):
    home = school_a.site.root_page.specific
    home.search_description = "The best school of the district"
    home.save_revision().publish()
    settings = SeoSettings.for_site(school_a.site)
    settings.street_address = "Abay avenue 1"
    settings.postal_code = "100000"
    settings.latitude, settings.longitude = 49.8, 73.1
    settings.save()

    html = get(client, "/kk/")
    assert '<link rel="canonical" href="http://school-a.localhost/kk/">' in html
    assert '<meta name="description" content="The best school of the district">' in html
    assert '<meta property="og:locale" content="kk_KZ">' in html
    (school,) = jsonld(html)
    assert "School" in school["@type"] and "EducationalOrganization" in school["@type"]
    assert school["name"] == school_a.name_kk
    assert school["taxID"] == school_a.bin
    assert school["address"]["streetAddress"] == "Abay avenue 1"
    assert school["address"]["addressRegion"] == school_a.district.region.name_kk
    assert school["address"]["addressLocality"] == school_a.district.name_kk
    assert school["geo"]["latitude"] == 49.8
    # In Russian the school data speaks Russian.
    (school_ru,) = jsonld(get(client, "/ru/"))
    assert school_ru["name"] == school_a.name_ru


def test_school_data_only_on_home(client, school_a):
    page = ContentPage(title="About", slug="about")
    school_a.site.root_page.add_child(instance=page)
    html = get(client, "/kk/about/")
    assert jsonld(html) == []
    assert '<link rel="canonical" href="http://school-a.localhost/kk/about/">' in html


def test_news_article_data_and_canonical_to_source(client, school_a, image_a):
    make_news(
        school_a,
        cover_image=image_a,
        source_name="Akimat",
        source_url="https://akimat.example.kz/news/1",
    )
    html = get(client, "/kk/news/sports-day/")
    assert '<link rel="canonical" href="https://akimat.example.kz/news/1">' in html
    assert '<meta property="og:type" content="article">' in html
    (article,) = jsonld(html)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Sports day"
    assert article["description"] == "We ran."
    assert article["isBasedOn"] == "https://akimat.example.kz/news/1"
    assert article["image"][0].startswith("http://school-a.localhost/")
    assert article["publisher"]["name"] == school_a.name_kk


def test_jsonld_cannot_break_out_of_script(client, school_a):
    news = make_news(school_a)
    news.title = "</script><script>alert(1)</script>"
    news.save_revision().publish()
    html = get(client, "/kk/news/sports-day/")
    assert "<script>alert(1)" not in html
    (article,) = jsonld(html)
    assert article["headline"] == "</script><script>alert(1)</script>"


def test_page_sharing_image_wins_and_translations_inherit_it(client, school_a, image_a):
    from .conftest import publish_translations

    page = ContentPage(title="About", slug="about")
    school_a.site.root_page.add_child(instance=page)
    page.save_revision().publish()
    publish_translations(page)
    assert "og:image" not in get(client, "/kk/about/")
    PageSeo.objects.create(page=page, og_image=image_a)
    for path in ("/kk/about/", "/ru/about/"):
        html = get(client, path)
        assert re.search(r'<meta property="og:image" content="http://school-a\.localhost/', html)
        assert '<meta property="og:image:width" content="' in html


def test_default_sharing_image_from_settings(client, school_a, image_a):
    settings = SeoSettings.for_site(school_a.site)
    settings.default_og_image = image_a
    settings.save()
    assert '<meta property="og:image"' in get(client, "/kk/")


def test_verification_tags_from_settings_and_pasted_meta_tag(client, school_a, school_b):
    settings = SeoSettings.for_site(school_a.site)
    settings.google_verification = '<meta name="google-site-verification" content="abcDEF_12345">'
    settings.yandex_verification = "0123456789abcdef"
    settings.full_clean()
    settings.save()
    html = get(client, "/kk/")
    assert '<meta name="google-site-verification" content="abcDEF_12345">' in html
    assert '<meta name="yandex-verification" content="0123456789abcdef">' in html
    # School B's pages never carry school A's codes.
    html_b = get(client, "/kk/", host="school-b.localhost")
    assert "abcDEF_12345" not in html_b and "verification" not in html_b


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ga4_id", "UA-1234-1"),
        ("gtm_id", "GTM-"),
        ("yandex_metrika_id", "12ab"),
        ("google_verification", "bad code with spaces"),
        ("robots_extra", "Disallow: /x/\nplease do not index"),
    ],
)
def test_bad_ids_are_refused_with_a_message(school_a, field, value):
    settings = SeoSettings.for_site(school_a.site)
    setattr(settings, field, value)
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert field in error.value.message_dict


def test_ids_are_normalised(school_a):
    settings = SeoSettings.for_site(school_a.site)
    settings.ga4_id = " g-abc123xyz "
    settings.gtm_id = "gtm-k2l3m4"
    settings.yandex_metrika_id = " 98765432 "
    settings.full_clean()
    assert (settings.ga4_id, settings.gtm_id, settings.yandex_metrika_id) == (
        "G-ABC123XYZ",
        "GTM-K2L3M4",
        "98765432",
    )
