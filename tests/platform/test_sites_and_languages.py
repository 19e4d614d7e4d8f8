import io

from django.core.management import call_command

import pytest

pytestmark = pytest.mark.django_db


def test_school_home_in_three_languages(client, school_a):
    for code, word in (("kk", "мектебі"), ("ru", "Школа"), ("en", "school")):
        response = client.get(f"/{code}/", HTTP_HOST="school-a.localhost")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{code}">' in html
        assert word in html


def test_language_switcher_links_to_same_page(client, school_a):
    html = client.get("/kk/", HTTP_HOST="school-a.localhost").content.decode()
    assert 'href="/ru/" hreflang="ru"' in html
    assert 'href="/en/" hreflang="en"' in html
    assert 'rel="alternate" hreflang="x-default"' in html


def test_unknown_host_gets_neutral_page(client, school_a):
    response = client.get("/kk/", HTTP_HOST="nobody.localhost", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 404
    html = response.content.decode()
    assert "school-a" not in html and school_a.name_kk not in html
    assert 'lang="ru"' in html


def test_unknown_language_prefix_is_404(client, school_a):
    response = client.get("/de/", HTTP_HOST="school-a.localhost", follow=True)
    assert response.status_code == 404


def test_schools_do_not_leak_into_each_other(client, school_a, school_b):
    html = client.get("/kk/", HTTP_HOST="school-b.localhost").content.decode()
    assert school_b.name_kk in html
    assert school_a.name_kk not in html


def test_demo_load_is_idempotent():
    call_command("demo_load", stdout=io.StringIO())
    from django.apps import apps

    from accounts.models import User

    def row_counts():
        return {
            model._meta.label: model._default_manager.count()
            for model in apps.get_models()
            if not model._meta.proxy and model._meta.managed
        }

    before = row_counts()
    passwords = dict(User.objects.values_list("email", "password"))
    call_command("demo_load", stdout=io.StringIO())
    after = row_counts()
    assert before["wagtailcore.Page"] == after["wagtailcore.Page"]
    # Running it twice changes nothing, whatever app's demo data it is.
    assert {k: (v, after[k]) for k, v in before.items() if after[k] != v} == {}
    assert dict(User.objects.values_list("email", "password")) == passwords
