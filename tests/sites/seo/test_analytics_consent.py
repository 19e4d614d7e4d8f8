"""Analytics ids reach the page only when set, and load only after consent (static JS)."""

import re

import pytest

from sites.seo.models import SeoSettings

pytestmark = pytest.mark.django_db


def set_ids(school, **ids):
    settings = SeoSettings.for_site(school.site)
    for field, value in ids.items():
        setattr(settings, field, value)
    settings.full_clean()
    settings.save()


def home(client, host="school-a.localhost"):
    return client.get("/kk/", HTTP_HOST=host).content.decode()


def inline_scripts(html):
    """Script elements with a body that a browser would execute."""
    return [
        match
        for match in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        if match[1].strip() and "application/ld+json" not in match[0]
    ]


def test_nothing_without_ids(client, school_a):
    html = home(client)
    assert "mektep-consent" not in html
    assert "consent.js" not in html
    assert "googletagmanager" not in html and "metrika" not in html


def test_ids_render_banner_and_static_loader_only(client, school_a, school_b):
    set_ids(school_a, ga4_id="G-ABC123XYZ", gtm_id="GTM-K2L3M4", yandex_metrika_id="98765432")
    html = home(client)
    assert 'id="mektep-consent"' in html
    assert 'data-ga4="G-ABC123XYZ"' in html
    assert 'data-gtm="GTM-K2L3M4"' in html
    assert 'data-metrika="98765432"' in html
    assert '<script src="/static/sites_seo/consent.js" defer></script>' in html
    # The banner starts hidden; the script shows it when no choice is remembered. No loader
    # is in the markup itself: only the static script adds them, after consent.
    assert re.search(r'id="mektep-consent"[^>]*hidden', html, re.S)
    assert "googletagmanager.com" not in html and "mc.yandex.ru" not in html
    assert inline_scripts(html) == []
    assert " onclick=" not in html and " style=" not in html
    # School B has no ids: no banner there.
    assert "mektep-consent" not in home(client, "school-b.localhost")


def test_banner_is_translated(client, school_a):
    set_ids(school_a, yandex_metrika_id="98765432")
    ru = client.get("/ru/", HTTP_HOST="school-a.localhost").content.decode()
    kk = client.get("/kk/", HTTP_HOST="school-a.localhost").content.decode()
    assert "Принять аналитику" in ru
    assert "Аналитикаға келісемін" in kk


def test_settings_change_reaches_cached_pages(client, school_a):
    assert "mektep-consent" not in home(client)  # now cached for anonymous visitors
    set_ids(school_a, ga4_id="G-ABC123XYZ")
    assert 'data-ga4="G-ABC123XYZ"' in home(client)


def csp(client, host="school-a.localhost"):
    return client.get("/kk/", HTTP_HOST=host)["Content-Security-Policy"]


def test_policy_allows_analytics_origins_only_where_ids_are_set(client, school_a, school_b):
    assert "googletagmanager" not in csp(client)
    set_ids(school_a, ga4_id="G-ABC123XYZ", yandex_metrika_id="98765432")
    policy = csp(client)
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "https://www.googletagmanager.com" in script_src
    assert "https://mc.yandex.ru" in script_src
    assert "'self'" in script_src
    # Cached page, same policy; the other school's policy stays closed.
    assert csp(client) == policy
    assert "googletagmanager" not in csp(client, "school-b.localhost")
    assert "mc.yandex.ru" not in csp(client, "school-b.localhost")
