from wagtail.models import Page

import pytest

from accounts.factories import UserFactory
from schools.factories import make_bin
from schools.models import School

pytestmark = pytest.mark.django_db


def _data(district, **overrides):
    data = {
        "name_kk": "Жаңа мектеп",
        "name_ru": "Новая школа",
        "name_en": "New school",
        "slug": "new-school",
        "hostname": "new-school.localhost",
        "bin": make_bin(42),
        "district": district.pk,
        "languages_of_instruction": ["kk", "ru"],
    }
    data.update(overrides)
    return data


def test_platform_admin_creates_a_school_in_one_step(client, district):
    client.force_login(UserFactory(email="root@example.kz", is_superuser=True, is_staff=True))
    response = client.post("/admin/schools/new/", _data(district))
    assert response.status_code == 302
    school = School.objects.get(slug="new-school")
    home = school.site.root_page
    assert {p.locale.language_code for p in home.get_translations(inclusive=True)} == {
        "kk",
        "ru",
        "en",
    }
    assert school.groups.count() == 2
    assert client.get("/ru/", HTTP_HOST="new-school.localhost").status_code == 200


def test_invalid_bin_keeps_what_was_typed(client, district):
    client.force_login(UserFactory(email="root@example.kz", is_superuser=True, is_staff=True))
    pages = Page.objects.count()
    response = client.post("/admin/schools/new/", _data(district, bin="123456789012"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Жаңа мектеп"' in html  # what was typed stays in the form
    assert "Дұрыс БСН енгізіңіз" in html  # the error in the admin's language (kk)
    assert Page.objects.count() == pages


def test_school_admin_cannot_create_schools(client, admin_a, district):
    client.force_login(admin_a)
    # Wagtail turns PermissionDenied in the admin into a redirect to the dashboard.
    response = client.get("/admin/schools/new/")
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] == "/admin/"
    response = client.post("/admin/schools/new/", _data(district))
    assert not School.objects.filter(slug="new-school").exists()
