"""The survey builder's rules and the respondent's form: every question type, required,
conditional display, languages, open/close dates, audience, one or many answers."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from plugins.esign_surveys.models import Response, ResponseFile
from tests.conftest import ADMIN_HOST

from .conftest import CHOICES, HOST_A, answer, make_survey, question, submit

pytestmark = pytest.mark.django_db

ALL_TYPES = [
    question("single_choice", "single", "Бір жауап", choices=CHOICES),
    question("multiple_choice", "multi", "Бірнеше жауап", choices=CHOICES),
    question("scale", "scale", "Бағалаңыз", minimum=1, maximum=5),
    question("text", "comment", "Пікіріңіз", required=False),
    question("number", "children", "Балалар саны"),
    question("date", "born", "Туған күні"),
    question(
        "matrix",
        "grid",
        "Кесте",
        rows=[
            {"value": "food", "label_kk": "Тамақ", "label_ru": "Еда", "label_en": "Food"},
            {"value": "safety", "label_kk": "Қауіпсіздік", "label_ru": "", "label_en": ""},
        ],
        columns=CHOICES,
    ),
    question("file", "scan", "Құжат", required=False, max_megabytes=1),
    question(
        "text",
        "why_not",
        "Неге жоқ?",
        show_if_key="single",
        show_if_value="no",
    ),
]


def test_every_question_type_is_answered_and_stored(client, site_a):
    survey = make_survey(site_a, questions=ALL_TYPES)
    data = {
        "single": "yes",
        "multi": ["yes", "no"],
        "scale": "4",
        "comment": "Бәрі жақсы",
        "children": "2",
        "born": "2015-09-01",
        "grid__food": "yes",
        "grid__safety": "no",
        "scan": SimpleUploadedFile("anyqa.pdf", b"%PDF-1.4 test", "application/pdf"),
    }
    response = answer(client, survey, data)
    assert response.answers["single"] == "yes"
    assert response.answers["multi"] == ["yes", "no"]
    assert response.answers["scale"] == 4
    assert response.answers["children"] == "2"
    assert response.answers["born"] == "2015-09-01"
    assert response.answers["grid"] == {"food": "yes", "safety": "no"}
    assert response.answers["scan"]["name"] == "anyqa.pdf"
    assert len(response.answers["scan"]["sha256"]) == 64
    assert "why_not" not in response.answers  # hidden: its condition does not hold
    assert ResponseFile.objects.get(response=response).size == len(b"%PDF-1.4 test")


def test_required_and_conditional_questions(client, site_a):
    survey = make_survey(site_a, questions=ALL_TYPES)
    reply = submit(client, survey, {"single": "no"})
    assert reply.status_code == 200
    html = reply.content.decode()
    assert "Бұл сұраққа жауап беру міндетті." in html or "This question is required." in html
    form = reply.context["form"]
    assert "why_not" in form.errors  # shown because single == no, and required
    assert "comment" not in form.errors  # optional
    assert "grid__food" in form.errors  # every matrix row
    assert Response.objects.count() == 0
    # The conditional question carries data attributes for the static JS, no inline script.
    assert 'data-show-if-key="single"' in html and "esign_surveys/js/survey.js" in html
    assert "<script>" not in html


def test_file_too_large_is_refused_with_a_message(client, site_a):
    survey = make_survey(site_a, questions=[question("file", "scan", "Құжат", max_megabytes=1)])
    big = SimpleUploadedFile("big.pdf", b"x" * (1024 * 1024 + 1), "application/pdf")
    reply = submit(client, survey, {"scan": big})
    assert reply.status_code == 200 and "scan" in reply.context["form"].errors


def test_texts_follow_the_visitor_language(client, site_a):
    survey = make_survey(site_a, title_en="Parents' survey")
    assert (
        "Анкета родителей"
        in client.get(f"/ru/surveys/{survey.slug}/", HTTP_HOST=HOST_A).content.decode()
    )
    assert (
        "Parents&#x27; survey"
        in client.get(f"/en/surveys/{survey.slug}/", HTTP_HOST=HOST_A).content.decode()
    )
    kk = client.get(f"/kk/surveys/{survey.slug}/", HTTP_HOST=HOST_A).content.decode()
    assert "Ата-аналар сауалнамасы" in kk and "Келісесіз бе?" in kk and "Иә" in kk


def test_open_and_close_dates(client, site_a):
    now = timezone.now()
    later = make_survey(site_a, "later", opens_at=now + timedelta(days=1))
    closed = make_survey(
        site_a, "closed", opens_at=now - timedelta(days=2), closes_at=now - timedelta(days=1)
    )
    assert submit(client, later, {"q1": "yes"}).status_code == 200
    assert submit(client, closed, {"q1": "yes"}).status_code == 200
    assert Response.objects.count() == 0
    with pytest.raises(ValidationError):
        make_survey(site_a, "bad", opens_at=now, closes_at=now - timedelta(days=1))


def test_one_answer_per_person_or_many(client, site_a):
    once = make_survey(site_a, "once")
    answer(client, once)
    assert submit(client, once, {"q1": "no"}).status_code == 200
    assert once.responses.count() == 1
    many = make_survey(site_a, "many", multiple_answers=True)
    answer(client, many)
    answer(client, many)
    assert many.responses.count() == 2


def test_registered_audience(client, site_a):
    survey = make_survey(site_a, audience="registered")
    assert submit(client, survey, {"q1": "yes"}).status_code == 200
    client.force_login(UserFactory(email="someone@example.kz"))
    response = answer(client, survey)
    assert response.user is not None


def test_roles_audience(client, school_a, site_a):
    survey = make_survey(site_a, audience="roles", audience_roles=["parent"])
    teacher = UserFactory(email="teacher@example.kz")
    assign_role(teacher, Role.TEACHER, school=school_a)
    client.force_login(teacher)
    assert submit(client, survey, {"q1": "yes"}).status_code == 200
    parent = UserFactory(email="parent@example.kz")
    assign_role(parent, Role.PARENT, school=school_a)
    client.force_login(parent)
    response = answer(client, survey)
    assert response.role == "parent"
    with pytest.raises(ValidationError):
        make_survey(site_a, "roles-bad", audience="roles", audience_roles=["pirate"])


def test_classes_audience(client, school_a, school_b, site_a):
    """No class register on the platform: the survey lists its classes, students and parents
    of the school pick one (validated) and the answer records it with school and role."""
    from accounts.models import GuardianLink

    survey = make_survey(site_a, audience="classes", audience_classes="5А, 5Ә")
    stranger = UserFactory(email="stranger@example.kz")
    client.force_login(stranger)
    refused = submit(client, survey, {"q1": "yes", "class_name": "5А"})
    assert refused.status_code == 200 and refused.context["form"] is None
    with translation.override("kk"):
        expected = gettext("This survey is for the school's students and parents.")
    assert refused.context["problem"] == expected
    elsewhere = UserFactory(email="elsewhere@example.kz")
    assign_role(elsewhere, Role.STUDENT, school=school_b)  # a student of another school
    client.force_login(elsewhere)
    assert submit(client, survey, {"q1": "yes"}).context["form"] is None

    pupil = UserFactory(email="pupil@example.kz")
    assign_role(pupil, Role.STUDENT, school=school_a)
    client.force_login(pupil)
    reply = submit(client, survey, {"q1": "yes", "class_name": "9Б"})
    assert reply.status_code == 200 and "class_name" in reply.context["form"].errors
    assert "class_name" in submit(client, survey, {"q1": "yes"}).context["form"].errors
    response = answer(client, survey, {"q1": "yes", "class_name": "5Ә"})
    assert (response.class_name, response.role, response.school) == ("5Ә", "student", school_a)

    # A parent linked to that student belongs to the school without a role of their own.
    parent = UserFactory(email="mother@example.kz")
    GuardianLink.objects.create(guardian=parent, child=pupil, relation="mother")
    client.force_login(parent)
    response = answer(client, survey, {"q1": "no", "class_name": "5Ә"})
    assert (response.role, response.school) == ("parent", school_a)


def test_builder_validation(site_a):
    with pytest.raises(ValidationError):  # duplicate keys
        make_survey(
            site_a,
            questions=[
                question("text", "q1"),
                question("text", "q1"),
            ],
        )
    with pytest.raises(ValidationError):  # condition on a later/unknown question
        make_survey(site_a, questions=[question("text", "q2", show_if_key="q9", show_if_value="x")])
    with pytest.raises(ValidationError):  # no IIN to compare for anonymous respondents
        make_survey(site_a, "iin", signing="required", require_iin_match=True)
    with pytest.raises(ValidationError):  # a poll has one question
        make_survey(site_a, kind="poll", questions=[question("text", "a"), question("text", "b")])


def test_admin_builder_pages(client, admin_a, site_a):
    survey = make_survey(site_a)
    client.force_login(admin_a)
    listing = client.get("/admin/snippets/esign_surveys/survey/", HTTP_HOST=ADMIN_HOST)
    assert listing.status_code == 200 and survey.title_kk in listing.content.decode()
    assert (
        client.get(
            f"/admin/snippets/esign_surveys/survey/edit/{survey.pk}/", HTTP_HOST=ADMIN_HOST
        ).status_code
        == 200
    )
    assert (
        client.get("/admin/snippets/esign_surveys/survey/add/", HTTP_HOST=ADMIN_HOST).status_code
        == 200
    )


def test_demo_content_is_idempotent(client, school_a):
    import random

    from plugins.esign_surveys import demo
    from plugins.esign_surveys.models import Survey

    demo.populate(school_a, random.Random(1))
    demo.populate(school_a, random.Random(1))
    assert set(Survey.objects.filter(site=school_a.site).values_list("slug", flat=True)) == {
        "parents",
        "canteen",
    }
    assert client.get("/ru/surveys/parents/", HTTP_HOST=HOST_A).status_code == 200
