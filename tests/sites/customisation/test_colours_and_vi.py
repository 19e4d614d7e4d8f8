"""School colours (validated for contrast, served per host) and the visually-impaired switch."""

from django.core.exceptions import ValidationError

import pytest

from sites.customisation.models import SiteColours, contrast_ratio


def test_contrast_ratio_known_values():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#ffffff", "#ffffff"), 1) == 1.0


def test_low_contrast_accent_refused(school_a):
    colours = SiteColours.for_site(school_a.site)
    colours.accent = "#ffff00"
    with pytest.raises(ValidationError) as error:
        colours.full_clean()
    assert "4.5:1" in str(error.value)
    colours.accent = "red"
    with pytest.raises(ValidationError):
        colours.full_clean()


def test_colours_served_per_host_only(client, school_a, school_b):
    colours = SiteColours.for_site(school_a.site)
    colours.accent = "#7a1f1f"
    colours.header_background = "#0f1f4b"
    colours.full_clean()
    colours.save()
    css_a = client.get("/site-look/colours.css", HTTP_HOST="school-a.localhost")
    assert css_a["Content-Type"].startswith("text/css")
    body = css_a.content.decode()
    assert "--accent:#7a1f1f" in body and "--header-fg:#ffffff" in body
    css_b = client.get("/site-look/colours.css", HTTP_HOST="school-b.localhost")
    assert "#7a1f1f" not in css_b.content.decode()


def test_every_page_has_vi_switch_and_assets(client, school_a):
    for language in ("kk", "ru", "en"):
        html = client.get(f"/{language}/", HTTP_HOST="school-a.localhost").content.decode()
        assert 'data-vi="on"' in html
        for option in ("large", "contrast", "noimages", "spacing"):
            assert f'data-vi="{option}"' in html
        assert "sites_customisation/vi.js" in html
        assert "/site-look/colours.css" in html
        # no inline script bodies or style attributes (CSP)
        assert "<script>" not in html and " style=" not in html
