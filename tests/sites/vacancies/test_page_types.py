"""Wagtail's page tests for vacancy pages, tenancy of the school lists, demo idempotency."""

import random
import re
from datetime import date

from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from schools.factories import DistrictFactory, create_school
from sites.pages.models import SchoolHomePage
from sites.vacancies import demo
from sites.vacancies.models import VacancyIndexPage, VacancyPage
from tests.conftest import SchoolAndAdminClient

from .conftest import host, make_index, make_vacancy


def vacancy_form_data(subjects=("math", "physics"), **overrides):
    data = {
        "title": "Математика мұғалімі",
        "slug": "math",
        "position": "Математика мұғалімі",
        "employment_type": "FULL_TIME",
        "salary_min": "200000",
        "salary_max": "",
        "requirements": rich_text("<p>Жоғары білім</p>"),
        "contacts": "+7 7172 00 00 00",
        "valid_through": "2031-01-31",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    # A multiple choice posts one value per checked box under the same name; nested_form_data
    # would turn a list into "subjects-0", "subjects-1" (formset keys), which the field ignores.
    return {**nested_form_data(data), "subjects": subjects}


class VacancyPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = create_school("vac-tests", district=DistrictFactory(code="vac-tests"))
        cls.home = cls.school.site.root_page.specific
        cls.index = VacancyIndexPage(title="Бос орындар", slug="vacancies")
        cls.home.add_child(instance=cls.index)
        cls.index.save_revision().publish()
        cls.page = VacancyPage(
            title="Химия",
            slug="chem",
            position="Химия мұғалімі",
            subjects=",chemistry,",
            valid_through=date(2031, 1, 1),
        )
        cls.index.add_child(instance=cls.page)
        cls.page.save_revision().publish()
        for code in ("ru", "en"):
            locale = Locale.objects.get(language_code=code)
            cls.page.copy_for_translation(locale, copy_parents=True).save_revision().publish()

    def setUp(self):
        super().setUp()
        self.client = SchoolAndAdminClient(self.school.site.hostname)

    def test_where_they_can_be_created(self):
        self.assertCanCreateAt(SchoolHomePage, VacancyIndexPage)
        self.assertCanCreateAt(VacancyIndexPage, VacancyPage)
        self.assertCanNotCreateAt(SchoolHomePage, VacancyPage)

    def test_created_through_the_admin_with_subjects_and_school(self):
        self.login()
        self.assertCanCreate(self.index, VacancyPage, vacancy_form_data())
        created = VacancyPage.objects.get(slug="math")
        self.assertEqual(created.subjects, ",math,physics,")
        self.assertEqual(created.school, self.school)
        # The edit form shows the saved subjects ticked, and a change of subjects is saved.
        edit_url = f"/admin/pages/{created.pk}/edit/"
        form = self.client.get(edit_url).content.decode()
        ticked = set(re.findall(r'<input[^>]*name="subjects"[^>]*value="(\w+)"[^>]*checked', form))
        self.assertEqual(ticked, {"math", "physics"})
        data = {**vacancy_form_data(subjects=["chemistry"]), "action-publish": "action-publish"}
        self.assertRedirects(self.client.post(edit_url, data), f"/admin/pages/{self.index.pk}/")
        created.refresh_from_db()
        self.assertEqual(created.subjects, ",chemistry,")

    def test_bad_salary_range_refused(self):
        self.login()
        response = self.client.post(
            f"/admin/pages/add/sites_vacancies/vacancypage/{self.index.pk}/",
            vacancy_form_data(slug="bad", salary_min="300000", salary_max="100000"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(VacancyPage.objects.filter(slug="bad").exists())

    def test_renderable_editable_previewable_in_three_languages(self):
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.page)
        self.assertPageIsEditable(self.page, post_data=vacancy_form_data(slug="chem"))
        self.assertPageIsPreviewable(self.page, post_data=vacancy_form_data(slug="chem"))
        for code, subject in (("kk", "Химия"), ("ru", "Химия"), ("en", "Chemistry")):
            self.assertContains(self.client.get(f"/{code}/vacancies/chem/"), subject)
            self.assertEqual(self.client.get(f"/{code}/vacancies/").status_code, 200)


@pytest.mark.django_db
def test_school_list_never_shows_other_school(client, school_a, school_b):
    make_vacancy(make_index(school_a), title="Vacancy A")
    make_vacancy(make_index(school_b), title="Vacancy B")
    content = client.get("/kk/vacancies/", **host(school_a)).content.decode()
    assert "Vacancy A" in content and "Vacancy B" not in content


@pytest.mark.django_db
def test_demo_is_idempotent(school_a):
    demo.populate(school_a, random.Random(1))
    first = (VacancyIndexPage.objects.count(), VacancyPage.objects.count())
    assert first == (3, 6)
    demo.populate(school_a, random.Random(1))
    assert (VacancyIndexPage.objects.count(), VacancyPage.objects.count()) == first
