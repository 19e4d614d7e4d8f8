"""Links kept once per territory, shown on every school of it, managed by its coordinators."""

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from schools.factories import DistrictFactory, create_school
from sites.notices.models import TerritoryLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_district(district):
    return DistrictFactory(code="other-district", region=district.region)


@pytest.fixture
def school_c(other_district):
    return create_school("school-c", district=other_district, sequence=3)


def link(title, url, **territory):
    return TerritoryLink.objects.create(
        title_kk=f"{title} kk", title_ru=f"{title} ru", title_en=f"{title} en", url=url, **territory
    )


def footer(client, host, language="kk"):
    html = client.get(f"/{language}/", HTTP_HOST=host).content.decode()
    return html.split('<footer class="site-footer">')[1]


def test_links_show_on_every_school_of_the_territory(
    client, district, other_district, school_a, school_b, school_c
):
    link("District portal", "https://roo.example.kz/", district=district)
    link("Region portal", "https://uo.example.kz/", region=district.region)
    link("Other district", "https://other.example.kz/", district=other_district)
    for host in ("school-a.localhost", "school-b.localhost"):
        html = footer(client, host)
        assert '<a href="https://roo.example.kz/" rel="noopener">District portal kk</a>' in html
        assert "Region portal kk" in html
        assert "other.example.kz" not in html
    html_c = footer(client, "school-c.localhost")
    assert "Region portal kk" in html_c and "Other district kk" in html_c
    assert "roo.example.kz" not in html_c


def test_links_are_translated(client, district, school_a):
    link("Portal", "https://roo.example.kz/", district=district)
    assert "Portal ru" in footer(client, "school-a.localhost", "ru")
    assert "Portal en" in footer(client, "school-a.localhost", "en")


def test_new_link_reaches_cached_pages(client, district, school_a):
    assert "roo.example.kz" not in footer(client, "school-a.localhost")
    link("Portal", "https://roo.example.kz/", district=district)
    assert "roo.example.kz" in footer(client, "school-a.localhost")


def test_one_territory_per_link(district):
    from django.core.exceptions import ValidationError

    both = TerritoryLink(
        title_kk="x",
        title_ru="x",
        title_en="x",
        url="https://x.kz/",
        region=district.region,
        district=district,
    )
    with pytest.raises(ValidationError):
        both.full_clean()


ADMIN = "/admin/snippets/sites_notices/territorylink/"


def test_district_coordinator_manages_own_district_only(client, district, other_district, school_a):
    from django.contrib.auth.models import Permission

    coordinator = UserFactory(email="roo@example.kz")
    assign_role(coordinator, Role.DISTRICT_COORDINATOR, district=district)
    # Admin access comes with the coordinator's account (accounts app), not from here.
    coordinator.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    own = link("Own", "https://own.example.kz/", district=district)
    foreign = link("Foreign", "https://foreign.example.kz/", district=other_district)
    regional = link("Regional", "https://uo.example.kz/", region=district.region)
    client.force_login(coordinator)

    listing = client.get(ADMIN).content.decode()
    assert "Own kk" in listing or "Own en" in listing
    assert "foreign.example.kz" not in listing and "Foreign" not in listing
    assert "Regional" not in listing
    assert client.get(f"{ADMIN}edit/{own.pk}/").status_code == 200
    for other in (foreign, regional):
        assert client.get(f"{ADMIN}edit/{other.pk}/").status_code in (302, 403, 404)
        client.post(f"{ADMIN}delete/{other.pk}/")
        assert client.get(f"{ADMIN}copy/{other.pk}/").status_code in (302, 403, 404)
        assert client.get(f"{ADMIN}history/{other.pk}/").status_code in (302, 403, 404)
        assert TerritoryLink.objects.filter(pk=other.pk).exists()

    # The add form offers only their district and refuses another one.
    response = client.post(
        f"{ADMIN}add/",
        {
            "district": other_district.pk,
            "title_kk": "Hack",
            "title_ru": "Hack",
            "title_en": "Hack",
            "url": "https://hack.example.kz/",
            "sort_order": 0,
        },
    )
    assert response.status_code == 200
    assert not TerritoryLink.objects.filter(title_kk="Hack").exists()
    response = client.post(
        f"{ADMIN}add/",
        {
            "district": district.pk,
            "title_kk": "Жаңа",
            "title_ru": "Новая",
            "title_en": "New",
            "url": "https://new.example.kz/",
            "sort_order": 1,
        },
    )
    assert response.status_code == 302
    assert TerritoryLink.objects.get(title_en="New").district == district


def test_school_admin_cannot_manage_territory_links(client, admin_a, district):
    item = link("Portal", "https://roo.example.kz/", district=district)
    client.force_login(admin_a)
    assert client.get(ADMIN).status_code in (302, 403)
    assert client.get(f"{ADMIN}edit/{item.pk}/").status_code in (302, 403, 404)
