"""Polls as a page block with live results, link and QR code, results/export, per-site
enablement, and tenancy: school A's admin never reaches school B's surveys, answers or
evidence, and site A never shows site B's data."""

import csv
import io
import re

from django.test import RequestFactory
from django.utils import translation

import pytest

from plugins.esign_surveys.blocks import PollBlock
from plugins.esign_surveys.models import Signature
from tests.conftest import ADMIN_HOST  # the admin lives on its own host (issue 24)

from .conftest import (
    CHOICES,
    HOST_A,
    HOST_B,
    IIN,
    answer,
    cache_crl,
    enable,
    get_challenge,
    make_survey,
    poll,
    poll_page,
    post_cms,
    question,
    sign_with,
)

pytestmark = pytest.mark.django_db


def render_block(survey, site, user=None):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/kk/", HTTP_HOST=site.hostname)
    request.site = site
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    block = PollBlock()
    with translation.override("kk"):
        return block.render(block.to_python({"survey": survey.pk}), context={"request": request})


def test_poll_block_renders_no_token_and_nothing_of_the_visitor(client, site_a):
    survey = poll(site_a)
    html = render_block(survey, site_a)
    assert "Асхана ұнай ма?" in html and "esign_surveys/js/poll.js" in html
    assert "<meter" in html and "style=" not in html and "<script>" not in html
    assert "csrfmiddlewaretoken" not in html
    assert 'method="get"' in html and f"/kk/surveys/{survey.slug}/vote/" in html
    assert 'data-token-url="/kk/surveys/csrf.json"' in html


def test_vote_needs_a_csrf_token_that_the_script_fetches(site_a):
    from django.test import Client

    from plugins.esign_surveys.models import Response

    survey = poll(site_a)
    browser = Client(enforce_csrf_checks=True)
    vote = f"/kk/surveys/{survey.slug}/vote/"
    refused = browser.post(
        vote, {"choice": "yes"}, HTTP_HOST=HOST_A, HTTP_ACCEPT="application/json"
    )
    assert refused.status_code == 403
    assert not Response.objects.filter(survey=survey).exists()
    # What poll.js does: fetch a fresh token (never cached, sets the cookie), then post.
    fetched = browser.get("/kk/surveys/csrf.json", HTTP_HOST=HOST_A)
    assert fetched.status_code == 200
    assert "no-store" in fetched["Cache-Control"]
    assert "csrftoken" in fetched.cookies
    token = fetched.json()["token"]
    accepted = browser.post(
        vote,
        {"choice": "yes"},
        HTTP_HOST=HOST_A,
        HTTP_ACCEPT="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert accepted.status_code == 200, accepted.content
    body = accepted.json()
    assert body["ok"] and body["total"] == 1
    assert {c["value"]: c["votes"] for c in body["choices"]} == {"yes": 1, "no": 0}
    results = browser.get(f"/kk/surveys/{survey.slug}/results.json?at=1", HTTP_HOST=HOST_A)
    assert results.json()["total"] == 1 and "no-store" in results["Cache-Control"]
    empty = browser.post(
        vote, {}, HTTP_HOST=HOST_A, HTTP_ACCEPT="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert empty.status_code == 400 and empty.json()["ok"] is False


def test_page_with_a_poll_stays_in_the_page_cache(client, site_a):
    from plugins.esign_surveys.models import Survey

    survey = poll(site_a)
    poll_page(site_a, survey)
    poll_page(site_a, None, slug="plain")
    plain = client.get("/kk/plain/", HTTP_HOST=HOST_A)
    first = client.get("/kk/canteen/", HTTP_HOST=HOST_A)
    assert first.status_code == 200 and "Асхана ұнай ма?" in first.content.decode()
    assert "csrftoken" not in first.cookies and not first.cookies
    # The poll block adds no Vary: Cookie of its own: the page varies as a page without it.
    assert first.get("Vary") == plain.get("Vary")
    # Served from the cache: a change that publishes nothing does not show yet.
    questions = [dict(item) for item in survey.questions.raw_data]
    questions[0]["value"]["text_kk"] = "Өзгертілген сұрақ"
    Survey.objects.filter(pk=survey.pk).update(questions=questions)
    again = client.get("/kk/canteen/", HTTP_HOST=HOST_A).content.decode()
    assert "Асхана ұнай ма?" in again and "Өзгертілген сұрақ" not in again


def test_without_javascript_the_vote_page_renders_a_fresh_form(site_a):
    from django.test import Client

    from plugins.esign_surveys.models import Response

    survey = poll(site_a)
    browser = Client(enforce_csrf_checks=True)
    vote = f"/kk/surveys/{survey.slug}/vote/"
    # The block's form (GET) brings the choice to the vote page, which is never cached.
    page = browser.get(vote, {"choice": "no", "next": "/kk/canteen/"}, HTTP_HOST=HOST_A)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert re.search(r'value="no"[^>]*checked', html) and not re.search(
        r'value="yes"[^>]*checked', html
    )
    token = page.cookies["csrftoken"].value
    done = browser.post(
        vote,
        {"choice": "no", "next": "/kk/canteen/", "csrfmiddlewaretoken": token},
        HTTP_HOST=HOST_A,
    )
    assert done.status_code == 302
    assert Response.objects.get(survey=survey).answers == {"choice": "no"}
    thanks = browser.get(done["Location"], HTTP_HOST=HOST_A).content.decode()
    assert 'class="esign-poll-thanks"' in thanks and "csrfmiddlewaretoken" not in thanks
    assert 'href="/kk/canteen/"' in thanks
    # Another browser (one vote per device) cannot be sent elsewhere after its vote.
    other = Client(enforce_csrf_checks=True)
    other_token = other.get(vote, HTTP_HOST=HOST_A).cookies["csrftoken"].value
    evil = other.post(
        vote,
        {"choice": "no", "next": "https://evil.example/", "csrfmiddlewaretoken": other_token},
        HTTP_HOST=HOST_A,
    )
    assert evil.status_code == 302 and "evil.example" not in evil["Location"]


def test_block_on_a_cached_page_never_says_already_voted(client, site_a):
    survey = make_survey(
        site_a,
        "once",
        kind="poll",
        questions=[question("single_choice", "choice", "Бір рет", choices=CHOICES)],
    )
    client.get("/kk/surveys/csrf.json", HTTP_HOST=HOST_A)  # as poll.js does: the device cookie
    client.post(
        f"/kk/surveys/{survey.slug}/vote/",
        {"choice": "yes"},
        HTTP_HOST=HOST_A,
        HTTP_ACCEPT="application/json",
    )
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/kk/", HTTP_HOST=site_a.hostname)
    from django.contrib.auth.models import AnonymousUser

    request.site, request.user = site_a, AnonymousUser()
    request.session = SessionStore(session_key=client.session.session_key)
    block = PollBlock()
    html = block.render(block.to_python({"survey": survey.pk}), context={"request": request})
    assert "esign-poll-form" in html and "esign-problem" not in html
    again = client.post(
        f"/kk/surveys/{survey.slug}/vote/",
        {"choice": "no"},
        HTTP_HOST=HOST_A,
        HTTP_ACCEPT="application/json",
    )
    assert again.status_code == 400 and again.json()["ok"] is False


def test_poll_block_never_shows_another_sites_poll(site_a, site_b):
    foreign = poll(site_b, "b-poll")
    assert "Асхана" not in render_block(foreign, site_a)


def test_survey_block_embeds_link_and_qr_of_own_site_only(site_a, site_b):
    from plugins.esign_surveys.blocks import SurveyBlock

    own = make_survey(site_a, "embedded", title_kk="Ендірілген сауалнама")
    foreign = make_survey(site_b, "elsewhere", title_kk="Басқа мектеп")
    block = SurveyBlock()
    request = RequestFactory().get("/kk/", HTTP_HOST=site_a.hostname)
    request.site = site_a
    html = block.render(block.to_python({"survey": own.pk, "show_qr": True}), {"request": request})
    assert "Ендірілген сауалнама" in html
    assert "/surveys/embedded/" in html and "/surveys/embedded/qr.svg" in html
    other = block.render(block.to_python({"survey": foreign.pk}), {"request": request})
    assert "Басқа мектеп" not in other


def test_link_qr_and_printable_page(client, site_a):
    survey = make_survey(site_a)
    png = client.get(f"/kk/surveys/{survey.slug}/qr.png", HTTP_HOST=HOST_A)
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    svg = client.get(f"/kk/surveys/{survey.slug}/qr.svg", HTTP_HOST=HOST_A)
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    printable = client.get(f"/kk/surveys/{survey.slug}/print/", HTTP_HOST=HOST_A)
    html = printable.content.decode()
    assert "http://school-a.localhost/kk/surveys/parents/" in html and "qr.svg" in html


def test_plugin_disabled_answers_404(client, school_a, site_a):
    survey = make_survey(site_a)
    assert client.get(f"/kk/surveys/{survey.slug}/", HTTP_HOST=HOST_A).status_code == 200
    enable(school_a.site, on=False)
    assert client.get(f"/kk/surveys/{survey.slug}/", HTTP_HOST=HOST_A).status_code == 404
    assert client.get(f"/kk/surveys/{survey.slug}/qr.png", HTTP_HOST=HOST_A).status_code == 404


def test_public_views_of_site_a_never_show_site_b(client, site_a, site_b):
    survey_b = make_survey(site_b, "b-only", title_kk="Тек B мектебі")
    response_b = answer(client, survey_b, host=HOST_B)
    assert client.get("/kk/surveys/b-only/", HTTP_HOST=HOST_A).status_code == 404
    assert client.get("/kk/surveys/b-only/qr.png", HTTP_HOST=HOST_A).status_code == 404
    url = f"/kk/surveys/answer/{response_b.public_id}/"
    assert client.get(url, HTTP_HOST=HOST_A).status_code == 404
    assert client.get(url, HTTP_HOST=HOST_B).status_code == 200
    assert client.post(url + "challenge/", HTTP_HOST=HOST_A).status_code == 404


def test_someone_elses_answer_is_not_reachable(client, site_a):
    from accounts.factories import UserFactory

    survey = make_survey(site_a, audience="registered")
    client.force_login(UserFactory(email="one@example.kz"))
    response = answer(client, survey)
    client.force_login(UserFactory(email="two@example.kz"))
    url = f"/kk/surveys/answer/{response.public_id}/"
    assert client.get(url, HTTP_HOST=HOST_A).status_code == 404


@pytest.fixture
def signed_b(client, site_b, rsa_pki):
    cache_crl(rsa_pki)
    survey = make_survey(site_b, "b-signed", title_kk="Тек B мектебі", signing="required")
    response = answer(client, survey, host=HOST_B)
    nonce, frozen = get_challenge(client, response, host=HOST_B)
    post_cms(client, response, nonce, sign_with(rsa_pki, rsa_pki.issue_person(IIN), frozen), HOST_B)
    client.logout()
    return survey, response, Signature.objects.get(response=response)


def test_admin_of_a_cannot_reach_b_surveys_answers_or_evidence(client, admin_a, site_a, signed_b):
    survey_b, response_b, signature_b = signed_b
    own = make_survey(site_a, "a-own", title_kk="A мектебінің сауалнамасы")
    client.force_login(admin_a)
    base = "/admin/snippets/esign_surveys/survey/"
    listing = client.get(base, HTTP_HOST=ADMIN_HOST).content.decode()
    assert "A мектебінің сауалнамасы" in listing and "Тек B мектебі" not in listing
    for url in (
        f"{base}edit/{survey_b.pk}/",
        f"{base}delete/{survey_b.pk}/",
        f"/admin/esign-surveys/{survey_b.pk}/",
        f"/admin/esign-surveys/{survey_b.pk}/export.csv",
        f"/admin/esign-surveys/{survey_b.pk}/export.xlsx",
        f"/admin/esign-surveys/{survey_b.pk}/distribute/",
        f"/admin/esign-surveys/response/{response_b.pk}/",
        f"/admin/esign-surveys/signature/{signature_b.pk}/signature.p7s",
        f"/admin/esign-surveys/signature/{signature_b.pk}/signed.json",
    ):
        assert client.get(url, HTTP_HOST=ADMIN_HOST).status_code in (403, 404), url
    assert client.post(f"{base}delete/{survey_b.pk}/", HTTP_HOST=ADMIN_HOST).status_code in (
        403,
        404,
    )
    assert (
        client.post(
            f"/admin/esign-surveys/{survey_b.pk}/reverify/", HTTP_HOST=ADMIN_HOST
        ).status_code
        == 404
    )
    survey_b.refresh_from_db()  # still there
    chooser = client.get("/admin/snippets/choose/esign_surveys/survey/", HTTP_HOST=ADMIN_HOST)
    assert chooser.status_code == 200
    assert "Тек B мектебі" not in chooser.content.decode()
    chosen = client.get(
        f"/admin/snippets/choose/esign_surveys/survey/chosen/{survey_b.pk}/", HTTP_HOST=ADMIN_HOST
    )
    assert chosen.status_code == 404
    assert (
        client.get(
            f"/admin/snippets/choose/esign_surveys/survey/chosen/{own.pk}/", HTTP_HOST=ADMIN_HOST
        ).status_code
        == 200
    )


def test_results_filters_and_exports(client, admin_a, school_a, site_a, rsa_pki):
    cache_crl(rsa_pki)
    survey = make_survey(
        site_a,
        audience="classes",
        audience_classes="5А, 6Б",
        multiple_answers=True,
        signing="optional",
    )
    from accounts.factories import UserFactory, assign_role
    from accounts.roles import Role

    parent = UserFactory(email="p@example.kz")
    assign_role(parent, Role.PARENT, school=school_a)
    student = UserFactory(email="s@example.kz")
    assign_role(student, Role.STUDENT, school=school_a)
    client.force_login(parent)
    signed = answer(client, survey, {"q1": "yes", "class_name": "5А"})
    client.force_login(student)
    answer(client, survey, {"q1": "no", "class_name": "6Б"})
    client.force_login(parent)
    nonce, frozen = get_challenge(client, signed)
    post_cms(client, signed, nonce, sign_with(rsa_pki, rsa_pki.issue_person(IIN), frozen))
    client.force_login(admin_a)
    base = f"/admin/esign-surveys/{survey.pk}/"
    page = client.get(base, HTTP_HOST=ADMIN_HOST)
    assert page.status_code == 200 and "<svg" in page.content.decode()
    assert page.context["total"] == 2
    assert page.context["classes"] == ["5А", "6Б"]  # the survey's own list
    assert page.context["schools"] == [(str(school_a.pk), school_a.name)]
    assert [code for code, _label in page.context["roles"]] == ["parent", "student"]

    def total(query):
        return client.get(f"{base}?{query}", HTTP_HOST=ADMIN_HOST).context["total"]

    assert total("state=signed") == 1 and total("state=unsigned") == 1
    assert total("class_name=6Б") == 1 and total("class_name=5Ә") == 0
    assert total("role=parent") == 1 and total("role=student") == 1
    assert total(f"school={school_a.pk}") == 2 and total(f"school={school_a.pk + 999}") == 0
    exported = client.get(f"{base}export.csv?role=student", HTTP_HOST=ADMIN_HOST)
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:9] == [
        "id",
        "submitted",
        "school",
        "class",
        "role",
        "state",
        "signer_iin",
        "signer_name",
        "signature_status",
    ]
    assert rows[0][9] == "signature_check"
    assert [(r[2], r[3], r[4], r[10]) for r in rows[1:]] == [(school_a.name, "6Б", "student", "no")]
    everything = client.get(f"{base}export.csv", HTTP_HOST=ADMIN_HOST)
    rows = list(csv.reader(io.StringIO(everything.content.decode("utf-8-sig"))))
    assert {(r[3], r[6], r[9], r[10]) for r in rows[1:]} == {
        ("5А", IIN, "ok", "yes"),
        ("6Б", "", "", "no"),
    }
    xlsx = client.get(f"{base}export.xlsx?state=unsigned", HTTP_HOST=ADMIN_HOST)
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 2 and values[1][3] == "6Б"
    detail = client.get(f"/admin/esign-surveys/response/{signed.pk}/", HTTP_HOST=ADMIN_HOST)
    assert IIN in detail.content.decode()
    signature = Signature.objects.get(response=signed)
    p7s = client.get(
        f"/admin/esign-surveys/signature/{signature.pk}/signature.p7s", HTTP_HOST=ADMIN_HOST
    )
    assert p7s.content == bytes(signature.cms_der)


def test_portal_survey_counts_answers_per_school(client, district, school_a, school_b):
    """On a district portal the answer belongs to the respondent's school, and the results
    filter by it."""
    from accounts.factories import UserFactory, assign_role
    from accounts.roles import Role
    from schools.models import Portal
    from schools.provisioning import provision_portal

    titles = {"kk": "Аудан", "ru": "Район", "en": "District"}
    portal = provision_portal(
        Portal.Kind.DISTRICT, "district.localhost", titles, "district", district=district
    )
    enable(portal.site)
    survey = make_survey(portal.site, "district-roles", audience="roles", audience_roles=["parent"])
    for email, school in (("pa@example.kz", school_a), ("pb@example.kz", school_b)):
        user = UserFactory(email=email)
        assign_role(user, Role.PARENT, school=school)
        client.force_login(user)
        answered = answer(client, survey, host="district.localhost")
        assert (answered.school, answered.role) == (school, "parent")
    superuser = UserFactory(email="root@example.kz", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    base = f"/admin/esign-surveys/{survey.pk}/"
    page = client.get(base, HTTP_HOST=ADMIN_HOST)
    assert {pk for pk, _name in page.context["schools"]} == {str(school_a.pk), str(school_b.pk)}
    only_b = client.get(f"{base}?school={school_b.pk}", HTTP_HOST=ADMIN_HOST)
    assert [r.school for r in only_b.context["responses"]] == [school_b]


def test_plugin_metadata():
    from plugin_api.registry import plugin_registry

    plugin = plugin_registry.get("esign_surveys")
    assert plugin.PluginMeta.url_prefix == "surveys"
    assert set(plugin.PluginMeta.titles) == {"kk", "ru", "en"}


def test_editors_place_a_poll_in_a_content_page(client, site_a):
    """The plugin contributes its blocks to content pages through PluginMeta.page_blocks."""
    import json

    from sites.pages.blocks import ContentBlock
    from sites.pages.models import ContentPage

    assert {"poll", "survey"} <= set(ContentBlock().child_blocks)
    survey = poll(site_a, slug="page-poll")
    page = ContentPage(
        title="Асхана",
        slug="canteen",
        body=json.dumps([{"type": "poll", "value": {"survey": survey.pk}}]),
    )
    site_a.root_page.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/kk/canteen/", HTTP_HOST=HOST_A).content.decode()
    assert "Асхана ұнай ма?" in html
