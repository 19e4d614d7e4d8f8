"""A new school starts from a starter tree (issue 23, point 2): about, staff, news, events,
contacts, feedback, vacancies and documents, live in kk, ru and en with placeholder text,
in the menu; building it again changes nothing."""

from django.core.management import call_command
from django.test import Client

from wagtail.models import Page

import pytest

from schools.factories import DistrictFactory, create_school

pytestmark = pytest.mark.django_db

SLUGS = ["about", "staff", "news", "events", "contacts", "feedback", "vacancies", "documents"]


def test_starter_tree_in_three_languages_and_idempotent(capsys):
    school = create_school("starter-school", district=DistrictFactory(code="starter-district"))
    call_command("school_starter_tree", "starter-school")
    home = Page.objects.get(pk=school.site.root_page_id)  # fresh: numchild changed
    children = home.get_children().live()
    assert sorted(children.values_list("slug", flat=True)) == sorted(SLUGS)
    assert all(children.values_list("show_in_menus", flat=True))
    count = Page.objects.count()
    call_command("school_starter_tree", "starter-school")
    assert Page.objects.count() == count
    client = Client(HTTP_HOST=school.site.hostname)
    expected = {
        "kk": ("Мектеп туралы", "Бұл мәтінді мектеп туралы өз мәліметіңізбен алмастырыңыз."),
        "ru": ("О школе", "Замените этот текст сведениями о вашей школе."),
        "en": ("About the school", "Replace this text with information about your school."),
    }
    for language, (title, placeholder) in expected.items():
        html = client.get(f"/{language}/about/").content.decode()
        assert f"<h1>{title}</h1>" in html and placeholder in html
        for slug in SLUGS:
            assert client.get(f"/{language}/{slug}/").status_code == 200, (language, slug)
    # The home page links parents to what the tree made.
    home_html = client.get("/ru/").content.decode()
    assert "Задать вопрос" in home_html and "Вакансии" in home_html
