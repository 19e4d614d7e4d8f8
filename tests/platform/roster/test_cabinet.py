"""The personal cabinet: a parent sees their children (and only theirs) and links a child
with the school's code; a class teacher sees their class; plugin cards appear only where the
plugin is switched on."""

from django.urls import reverse
from django.utils import translation

import pytest

from accounts.factories import UserFactory
from roster.models import Guardianship, SignInCode
from schools.models import SchoolSiteSettings

pytestmark = pytest.mark.django_db


def cabinet(client, user, school, language="kk"):
    client.force_login(user)
    with translation.override(language):
        url = reverse("roster_cabinet")
    return client.get(url, HTTP_HOST=school.site.hostname)


def test_parent_sees_own_child_with_class_and_no_other(client, roster_a):
    body = cabinet(client, roster_a["parent"].user, roster_a["school"]).content.decode()
    assert "Серікова Ару" in body and "5А" in body
    assert "Дана" not in body and "Ерлан" not in body


def test_class_teacher_sees_their_class_list(client, roster_a):
    response = cabinet(client, roster_a["teacher"].user, roster_a["school"], "ru")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Серікова Ару" in body and "Нұрланова Дана" in body
    assert "Бекұлы Ерлан" not in body  # 11А is not theirs
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )


def test_anonymous_visitors_are_sent_to_log_in(client, roster_a):
    with translation.override("kk"):
        url = reverse("roster_cabinet")
    response = client.get(url, HTTP_HOST=roster_a["school"].site.hostname)
    assert response.status_code == 302 and "login" in response["Location"]


def test_plugin_card_only_where_the_plugin_is_on(client, roster_a):
    user = roster_a["teacher"].user
    assert "Dummy badges" not in cabinet(client, user, roster_a["school"]).content.decode()
    settings = SchoolSiteSettings.for_site(roster_a["school"].site)
    settings.plugin_states = {"dummy_plugin": True}
    settings.save()
    body = cabinet(client, user, roster_a["school"]).content.decode()
    assert "Dummy badges" in body and "badge of Гүлнар" in body


def link(client, user, school, iin, code, language="kk"):
    client.force_login(user)
    with translation.override(language):
        url = reverse("roster_link_child")
    return client.post(
        url,
        {"iin": iin, "code": code, "relation": "father"},
        HTTP_HOST=school.site.hostname,
    )


def test_a_parent_links_a_child_with_the_schools_code_once(client, roster_a):
    dana = roster_a["dana"]
    code = SignInCode.issue(dana, SignInCode.Purpose.LINK_PARENT)
    father = UserFactory(email="father@example.kz", first_name="Нұрлан", last_name="Әбенов")
    response = link(client, father, roster_a["school"], dana.iin, code.lower())
    assert response.status_code == 302
    link_row = Guardianship.objects.get(child=dana)
    assert link_row.guardian.user == father and link_row.relation == "father"
    # The code is spent: a second use (by anyone) is refused.
    other = UserFactory(email="stranger@example.kz")
    again = link(client, other, roster_a["school"], dana.iin, code)
    assert again.status_code == 200
    assert Guardianship.objects.filter(child=dana).count() == 1


def test_wrong_code_or_wrong_child_is_refused_in_the_users_language(client, roster_a):
    dana, aru = roster_a["dana"], roster_a["aru"]
    code = SignInCode.issue(dana, SignInCode.Purpose.LINK_PARENT)
    stranger = UserFactory(email="stranger@example.kz")
    wrong_child = link(client, stranger, roster_a["school"], aru.iin, code, "ru")
    assert "Код не подходит" in wrong_child.content.decode()
    wrong_code = link(client, stranger, roster_a["school"], dana.iin, "AAAAAAAAAA", "kk")
    assert "Код" in wrong_code.content.decode() and "сәйкес келмейді" in (
        wrong_code.content.decode()
    )
    assert not Guardianship.objects.filter(guardian__user=stranger).exists()


def test_guessing_codes_stops_after_five_tries(client, roster_a):
    dana = roster_a["dana"]
    code = SignInCode.issue(dana, SignInCode.Purpose.LINK_PARENT)
    guesser = UserFactory(email="guesser@example.kz")
    for _attempt in range(5):
        link(client, guesser, roster_a["school"], dana.iin, "BBBBBBBBBB")
    blocked = link(client, guesser, roster_a["school"], dana.iin, code, "ru")
    assert "Слишком много" in blocked.content.decode()
    assert not Guardianship.objects.filter(child=dana, guardian__user=guesser).exists()
