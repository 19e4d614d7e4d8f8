"""Polls as a page block with live results, link and QR code, results/export, per-site
enablement, and tenancy: school A's admin never reaches school B's surveys, answers or
evidence, and site A never shows site B's data."""

import csv
import io

from django.test import RequestFactory

import pytest

from plugins.esign_surveys.blocks import PollBlock
from plugins.esign_surveys.models import Signature

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
    post_cms,
    question,
    sign_with,
)

pytestmark = pytest.mark.django_db


def poll(site, slug="lunch"):
    return make_survey(
        site,
        slug,
        kind="poll",
        multiple_answers=True,
        questions=[question("single_choice", "choice", "Асхана ұнай ма?", choices=CHOICES)],
    )


def render_block(survey, site, user=None):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/kk/", HTTP_HOST=site.hostname)
    request.site = site
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    block = PollBlock()
    return block.render(block.to_python({"survey": survey.pk}), context={"request": request})


def test_poll_block_votes_and_live_results(client, site_a):
    survey = poll(site_a)
    html = render_block(survey, site_a)
    assert "Асхана ұнай ма?" in html and "esign_surveys/js/poll.js" in html
    assert "<meter" in html and "style=" not in html and "<script>" not in html
    reply = client.post(
        f"/kk/surveys/{survey.slug}/vote/",
        {"choice": "yes"},
        HTTP_HOST=HOST_A,
        HTTP_ACCEPT="application/json",
    )
    assert reply.status_code == 200
    results = client.get(f"/kk/surveys/{survey.slug}/results.json", HTTP_HOST=HOST_A).json()
    assert results["total"] == 1
    assert {c["value"]: c["votes"] for c in results["choices"]} == {"yes": 1, "no": 0}
    # Without JavaScript the form posts and comes back to the page.
    plain = client.post(
        f"/kk/surveys/{survey.slug}/vote/", {"choice": "no", "next": "/kk/"}, HTTP_HOST=HOST_A
    )
    assert plain.status_code == 302 and plain["Location"] == "/kk/"
    evil = client.post(
        f"/kk/surveys/{survey.slug}/vote/",
        {"choice": "no", "next": "https://evil.example/"},
        HTTP_HOST=HOST_A,
    )
    assert evil["Location"] == "/"


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
    listing = client.get(base, HTTP_HOST=HOST_A).content.decode()
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
        assert client.get(url, HTTP_HOST=HOST_A).status_code in (403, 404), url
    assert client.post(f"{base}delete/{survey_b.pk}/", HTTP_HOST=HOST_A).status_code in (403, 404)
    assert (
        client.post(f"/admin/esign-surveys/{survey_b.pk}/reverify/", HTTP_HOST=HOST_A).status_code
        == 404
    )
    survey_b.refresh_from_db()  # still there
    chooser = client.get("/admin/snippets/choose/esign_surveys/survey/", HTTP_HOST=HOST_A)
    assert chooser.status_code == 200
    assert "Тек B мектебі" not in chooser.content.decode()
    chosen = client.get(
        f"/admin/snippets/choose/esign_surveys/survey/chosen/{survey_b.pk}/", HTTP_HOST=HOST_A
    )
    assert chosen.status_code == 404
    assert (
        client.get(
            f"/admin/snippets/choose/esign_surveys/survey/chosen/{own.pk}/", HTTP_HOST=HOST_A
        ).status_code
        == 200
    )


def test_results_filters_and_exports(client, admin_a, site_a, rsa_pki):
    cache_crl(rsa_pki)
    survey = make_survey(
        site_a,
        audience="classes",
        audience_classes="5А, 6Б",
        multiple_answers=True,
        signing="optional",
    )
    from accounts.factories import UserFactory

    client.force_login(UserFactory(email="p@example.kz"))
    signed = answer(client, survey, {"q1": "yes", "class_name": "5А"})
    answer(client, survey, {"q1": "no", "class_name": "6Б"})
    nonce, frozen = get_challenge(client, signed)
    post_cms(client, signed, nonce, sign_with(rsa_pki, rsa_pki.issue_person(IIN), frozen))
    client.force_login(admin_a)
    page = client.get(f"/admin/esign-surveys/{survey.pk}/", HTTP_HOST=HOST_A)
    assert page.status_code == 200 and "<svg" in page.content.decode()
    assert page.context["total"] == 2
    only_signed = client.get(f"/admin/esign-surveys/{survey.pk}/?state=signed", HTTP_HOST=HOST_A)
    assert only_signed.context["total"] == 1
    by_class = client.get(f"/admin/esign-surveys/{survey.pk}/?class_name=6Б", HTTP_HOST=HOST_A)
    assert by_class.context["total"] == 1
    exported = client.get(f"/admin/esign-surveys/{survey.pk}/export.csv", HTTP_HOST=HOST_A)
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:8] == [
        "id",
        "submitted",
        "class",
        "role",
        "state",
        "signer_iin",
        "signer_name",
        "signature_status",
    ]
    assert {(r[2], r[5], r[8]) for r in rows[1:]} == {("5А", IIN, "yes"), ("6Б", "", "no")}
    xlsx = client.get(
        f"/admin/esign-surveys/{survey.pk}/export.xlsx?state=unsigned", HTTP_HOST=HOST_A
    )
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 2 and values[1][2] == "6Б"
    detail = client.get(f"/admin/esign-surveys/response/{signed.pk}/", HTTP_HOST=HOST_A)
    assert IIN in detail.content.decode()
    signature = Signature.objects.get(response=signed)
    p7s = client.get(
        f"/admin/esign-surveys/signature/{signature.pk}/signature.p7s", HTTP_HOST=HOST_A
    )
    assert p7s.content == bytes(signature.cms_der)


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
