"""Three themes, each found by the loader, falling back to the default theme's templates."""

import pytest

from schools.models import SchoolSiteSettings
from schools.themes import available_themes


def test_three_themes_with_titles_and_static():
    themes = available_themes()
    assert {"default", "steppe", "lyceum"} <= set(themes)
    for name in ("steppe", "lyceum"):
        theme = themes[name]
        assert theme.titles["kk"] and theme.titles["ru"] and theme.titles["en"]
        assert (theme.path / "static" / name / "theme.css").exists()


@pytest.mark.parametrize("theme", ["default", "steppe", "lyceum"])
def test_home_page_uses_theme_with_fallback(client, school_a, theme):
    settings = SchoolSiteSettings.for_site(school_a.site)
    settings.theme = theme
    settings.save()
    response = client.get("/kk/", HTTP_HOST="school-a.localhost")
    assert response.status_code == 200
    html = response.content.decode()
    # base.html and page templates come from the default theme (fallback)...
    assert 'class="skip-link" href="#main"' in html
    assert "default/site.css" in html
    # ...and the theme adds its own stylesheet.
    for other in ("steppe", "lyceum"):
        assert (f"{other}/theme.css" in html) == (other == theme)


def test_no_external_assets(client, school_a):
    html = client.get("/kk/", HTTP_HOST="school-a.localhost").content.decode()
    for marker in ("https://fonts.", "cdn.", "unpkg.com", "jsdelivr"):
        assert marker not in html


def test_theme_and_site_code_changes_show_at_once(client, school_a):
    """Anonymous pages are cached; changing the theme or the header fragment invalidates the
    site's cached pages instead of showing the old look for the cache's lifetime."""
    from sites.customisation.models import SiteCustomisation

    first = client.get("/kk/", HTTP_HOST="school-a.localhost").content.decode()
    assert "steppe/theme.css" not in first
    settings = SchoolSiteSettings.for_site(school_a.site)
    settings.theme = "steppe"
    settings.save()
    assert "steppe/theme.css" in client.get("/kk/", HTTP_HOST="school-a.localhost").content.decode()
    SiteCustomisation.objects.create(site=school_a.site, header_html="<p>Fresh notice</p>")
    assert "Fresh notice" in client.get("/kk/", HTTP_HOST="school-a.localhost").content.decode()
