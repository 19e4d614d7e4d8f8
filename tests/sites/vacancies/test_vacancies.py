"""Vacancy pages (expiry, JobPosting data), the school's list, and the platform board."""

import json
import re

import pytest

from schools.factories import DistrictFactory, create_school

from .conftest import host, make_index, make_vacancy

pytestmark = pytest.mark.django_db


def jsonld(content):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return json.loads(found.group(1)) if found else None


def test_open_vacancy_has_jobposting_and_expired_one_is_closed(client, school_a):
    index = make_index(school_a)
    open_one = make_vacancy(index, salary_min=200000, salary_max=300000)
    expired = make_vacancy(index, title="Физика мұғалімі", days=-1, subjects=",physics,")
    listing = client.get("/kk/vacancies/", **host(school_a)).content.decode()
    assert "Математика мұғалімі" in listing
    assert "Физика мұғалімі" not in listing
    page = client.get(f"/kk/vacancies/{open_one.slug}/", **host(school_a)).content.decode()
    data = jsonld(page)
    assert data["@type"] == "JobPosting"
    assert data["baseSalary"]["value"]["minValue"] == 200000
    assert data["hiringOrganization"]["name"] == school_a.name
    closed = client.get(f"/kk/vacancies/{expired.slug}/", **host(school_a)).content.decode()
    assert jsonld(closed) is None
    assert "Бұл бос орын жабық" in closed


def test_board_gathers_open_vacancies_of_every_school_with_filters(
    client, school_a, platform_portal
):
    other_district = DistrictFactory(code="other-district")
    school_c = create_school("school-c", district=other_district, sequence=3)
    make_vacancy(make_index(school_a), title="Математика A")
    index_c = make_index(school_c)
    make_vacancy(index_c, title="Химия C", subjects=",chemistry,")
    make_vacancy(index_c, title="Ескі C", days=-3)
    site = platform_portal.site
    content = client.get("/kk/vacancies/board/", **host(site)).content.decode()
    assert "Математика A" in content and "Химия C" in content
    assert "Ескі C" not in content
    by_subject = client.get("/kk/vacancies/board/?subject=chemistry", **host(site)).content.decode()
    assert "Химия C" in by_subject and "Математика A" not in by_subject
    by_district = client.get(
        "/kk/vacancies/board/?district=other-district", **host(site)
    ).content.decode()
    assert "Химия C" in by_district and "Математика A" not in by_district
    region = school_a.district.region.code
    by_region = client.get(f"/kk/vacancies/board/?region={region}", **host(site)).content.decode()
    assert "Математика A" in by_region
    # Another language lists only vacancies translated into it: none here.
    assert "Математика A" not in client.get("/ru/vacancies/board/", **host(site)).content.decode()


def test_board_is_not_served_on_a_school_host(client, school_a):
    assert client.get("/kk/vacancies/board/", **host(school_a)).status_code == 404


def test_board_query_count_does_not_grow_with_vacancies(
    client, school_a, platform_portal, django_assert_max_num_queries
):
    index = make_index(school_a)
    for n in range(12):
        make_vacancy(index, title=f"Мұғалім {n}")
    client.get("/kk/vacancies/board/", **host(platform_portal.site))
    with django_assert_max_num_queries(25):
        response = client.get("/kk/vacancies/board/", **host(platform_portal.site))
    assert response.content.decode().count("<li><h2>") == 12


def test_board_names_an_unknown_filter_and_keeps_the_valid_ones(client, school_a, platform_portal):
    make_vacancy(make_index(school_a), title="Химия A", subjects=",chemistry,")
    make_vacancy(make_index_for_other_school(), title="Химия C", subjects=",chemistry,")
    response = client.get(
        "/ru/vacancies/board/?subject=chemistry&district=no-such-district",
        **host(platform_portal.site),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Этого варианта нет в списке, поэтому он не применён." in content
    # The vacancies are in Kazakh: the valid subject filter lists both, the bad one is named.
    response = client.get(
        "/kk/vacancies/board/?subject=chemistry&district=no-such-district",
        **host(platform_portal.site),
    )
    content = response.content.decode()
    assert "Бұл таңдау тізімде жоқ, сондықтан қолданылмады." in content
    assert "Химия A" in content and "Химия C" in content
    assert 'value="chemistry" selected' in content
    filtered = client.get(
        "/kk/vacancies/board/?subject=math&district=no-such-district", **host(platform_portal.site)
    ).content.decode()
    assert "Химия A" not in filtered  # the valid subject filter still applies


def make_index_for_other_school():
    return make_index(create_school("school-c", district=DistrictFactory(code="d-c"), sequence=3))
