"""robots.txt and sitemap.xml answer per site, in every language."""

import re

import pytest

from sites.pages.models import ContentPage
from sites.seo.models import SeoSettings

from .conftest import publish_translations

pytestmark = pytest.mark.django_db


def test_robots_closes_admin_and_adds_site_rules(client, school_a, school_b):
    settings = SeoSettings.for_site(school_a.site)
    settings.robots_extra = "Disallow: /kk/archive/\nClean-param: utm_source"
    settings.full_clean()
    settings.save()
    response = client.get("/robots.txt", HTTP_HOST="school-a.localhost")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *\nDisallow: /admin/" in text
    assert "Disallow: /kk/archive/" in text
    assert "Sitemap: http://school-a.localhost/sitemap.xml" in text
    other = client.get("/robots.txt", HTTP_HOST="school-b.localhost").content.decode()
    assert "/kk/archive/" not in other
    assert "Sitemap: http://school-b.localhost/sitemap.xml" in other


def test_sitemap_lists_every_language_with_hreflang_alternates(client, school_a, school_b):
    page = ContentPage(title="About", slug="about")
    school_a.site.root_page.add_child(instance=page)
    page.save_revision().publish()
    publish_translations(page)
    other = ContentPage(title="B only", slug="b-only")
    school_b.site.root_page.add_child(instance=other)

    response = client.get("/sitemap.xml", HTTP_HOST="school-a.localhost")
    assert response.status_code == 200
    xml = response.content.decode()
    locations = re.findall(r"<loc>(.*?)</loc>", xml)
    for code in ("kk", "ru", "en"):
        assert f"http://school-a.localhost/{code}/" in locations
        assert f"http://school-a.localhost/{code}/about/" in locations
    assert not any("b-only" in loc or "school-b" in loc for loc in locations)
    # Each language version lists all three and x-default.
    about_ru = xml.split("<loc>http://school-a.localhost/ru/about/</loc>")[1].split("</url>")[0]
    for code in ("kk", "ru", "en"):
        assert (
            f'<xhtml:link rel="alternate" hreflang="{code}" '
            f'href="http://school-a.localhost/{code}/about/"/>'
        ) in about_ru
    assert 'hreflang="x-default" href="http://school-a.localhost/kk/about/"' in about_ru


def test_sitemap_leaves_out_drafts(client, school_a):
    draft = ContentPage(title="Draft", slug="draft", live=False)
    school_a.site.root_page.add_child(instance=draft)
    xml = client.get("/sitemap.xml", HTTP_HOST="school-a.localhost").content.decode()
    assert "/draft/" not in xml
