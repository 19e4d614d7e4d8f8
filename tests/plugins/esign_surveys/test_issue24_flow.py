"""Issue 24 through the plugin's endpoints: a malformed signature is a verdict that leaves the
nonce usable; "pending" is never signed and the task re-checks it with retries; an answer
changed after signing raises an alarm where it is shown or exported; a timestamp older than
the challenge is refused; large CRLs are indexed when fetched and looked up from the shared
index; the receipt speaks kk/ru; answers stay out of the page cache; one poll vote per
person or device."""

import csv
import hashlib
import io
import random
from datetime import timedelta

from django.test import Client

import pytest

from plugins.esign_surveys.models import CrlIndex, Response, RevokedSerial, Signature

from .conftest import (
    HOST_A,
    IIN,
    answer,
    cache_crl,
    fresh_time,
    get_challenge,
    make_survey,
    poll,
    post_cms,
    sign_with,
)

pytestmark = pytest.mark.django_db


def admin_get(client, url):
    """GET an admin URL as a school admin working on school A; follows the redirect to the
    platform's admin host when the admin lives on one."""
    from urllib.parse import urlsplit

    reply = client.get(url, HTTP_HOST=HOST_A)
    if reply.status_code in (301, 302) and "://" in reply["Location"]:
        target = urlsplit(reply["Location"])
        reply = client.get(f"{target.path}?{target.query}", HTTP_HOST=target.netloc)
    return reply


@pytest.fixture
def survey(site_a):
    return make_survey(site_a, signing="required")


def _broken_not_before(pki, person, frozen):
    """The probe's CMS: one digit of the signer's notBefore changed so that it cannot be read."""
    der = sign_with(pki, person, frozen, output="der")
    field = person.certificate["tbs_certificate"]["validity"]["not_before"].chosen.dump()
    offset = der.index(field)
    return der[: offset + 4] + b"9" + der[offset + 5 :]


def test_malformed_submission_is_a_verdict_and_keeps_the_nonce(client, survey, rsa_pki):
    """Before the fix: HTTP 500 and the nonce consumed, so the respondent could not retry."""
    cache_crl(rsa_pki)
    response = answer(client, survey)
    person = rsa_pki.issue_person(IIN)
    nonce, frozen = get_challenge(client, response)
    broken = _broken_not_before(rsa_pki, person, frozen)
    import base64

    reply = post_cms(client, response, nonce, base64.b64encode(broken).decode())
    assert reply.status_code == 200 and reply["Content-Type"] == "application/json"
    body = reply.json()
    assert body["ok"] is False and body["status_code"] == "malformed"
    assert body["message"] == "Қолтаңба оқылмады: ол бүлінген немесе CMS қолтаңбасы емес."
    attempt = Signature.objects.get(response=response)
    assert attempt.status == "malformed" and attempt.challenge is None  # kept as evidence
    # The same nonce still signs: the malformed attempt did not consume it.
    retry = post_cms(client, response, nonce, sign_with(rsa_pki, person, frozen))
    assert retry.json()["status_code"] == "valid", retry.json()
    # ...and only once.
    replay = post_cms(client, response, nonce, sign_with(rsa_pki, person, frozen))
    assert replay.json()["status_code"] == "replayed"


def test_pending_is_never_shown_or_counted_as_signed(client, survey, rsa_pki, admin_a):
    """Before the fix: `ok: true`, the label "Signed, …" and counted by the filter "signed"."""
    response = answer(client, survey)  # nothing in the revocation cache
    nonce, frozen = get_challenge(client, response)
    body = post_cms(
        client, response, nonce, sign_with(rsa_pki, rsa_pki.issue_person(IIN), frozen)
    ).json()
    assert body["ok"] is False and body["pending"] is True
    assert body["state"] == "pending"
    page = client.get(f"/ru/surveys/answer/{response.public_id}/", HTTP_HOST=HOST_A)
    html = page.content.decode()
    assert "Подпись ожидает проверки отзыва" in html
    assert "Подписано" not in html
    client.force_login(admin_a)
    base = f"/admin/esign-surveys/{survey.pk}/"
    assert admin_get(client, f"{base}?state=signed").context["total"] == 0
    assert admin_get(client, f"{base}?state=pending").context["total"] == 1


def test_the_task_rechecks_pending_signatures_with_retries(
    client, survey, rsa_pki, settings, local_server
):
    """Queued for a pending signature, the task retries while the CRL cannot be fetched,
    and the answer counts as signed only once the check passes."""
    from plugins.esign_surveys.tasks import refresh_revocation

    crls = {
        "/nca.crl": rsa_pki.crl(),
        "/root.crl": rsa_pki.crl(rsa_pki.root),
        "/tsa.crl": rsa_pki.crl(rsa_pki.tsa_root),
    }
    attempts = []

    def serve(path):
        def route(body):
            attempts.append(path)
            if attempts.count(path) < 3:  # NCA unreachable twice
                return 503, "text/plain", b"busy"
            return 200, "application/pkix-crl", crls[path]

        return route

    server = local_server({("GET", path): serve(path) for path in crls})
    settings.ESIGN_SURVEYS_CRL_URLS = [server.url + path for path in crls]
    response = answer(client, survey)
    nonce, frozen = get_challenge(client, response)
    post_cms(client, response, nonce, sign_with(rsa_pki, rsa_pki.issue_person(IIN), frozen))
    signature = Signature.objects.get(response=response)
    result = refresh_revocation.apply(kwargs={"signature_ids": [signature.pk]}).get()
    assert attempts.count("/nca.crl") == 3  # the first run and two re-checks
    assert result["still_pending"] == [] and result["attempt"] == 2
    response.refresh_from_db()
    assert response.state == Response.State.SIGNED
    signature.refresh_from_db()
    assert signature.status == "valid"
    # Idempotent: once decided, running it again changes nothing.
    again = refresh_revocation.apply(kwargs={"signature_ids": [signature.pk]}).get()
    assert again["pending"] == 0
    assert signature.history.count() == 4  # received, two unknown re-checks, valid


def test_an_answer_changed_after_signing_raises_the_alarm(client, survey, rsa_pki, admin_a):
    """Before the fix the edited answer still showed as "signed, valid" everywhere."""
    cache_crl(rsa_pki)
    response = answer(client, survey)
    nonce, frozen = get_challenge(client, response)
    assert post_cms(
        client, response, nonce, sign_with(rsa_pki, rsa_pki.issue_person(IIN), frozen)
    ).json()["ok"]
    url = f"/kk/surveys/answer/{response.public_id}/"
    assert 'id="esign-altered"' not in client.get(url, HTTP_HOST=HOST_A).content.decode()
    Response.objects.filter(pk=response.pk).update(answers={"q1": "no"})  # edited in the DB

    alarm_kk = "жауап қол қойылған нұсқадан өзгеше"
    page = client.get(url, HTTP_HOST=HOST_A).content.decode()
    assert 'id="esign-altered"' in page and alarm_kk in page
    from plugins.esign_surveys.receipts import render_html

    response.refresh_from_db()
    assert "ответ отличается от подписанного" in render_html(response, "ru")
    client.force_login(admin_a)
    evidence = admin_get(client, f"/admin/esign-surveys/response/{response.pk}/")
    assert 'id="esign-altered"' in evidence.content.decode()
    exported = admin_get(client, f"/admin/esign-surveys/{survey.pk}/export.csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    column = rows[0].index("signature_check")
    assert alarm_kk in rows[1][column]  # in the admin's language


def test_a_timestamp_older_than_the_challenge_is_refused(client, survey, rsa_pki):
    cache_crl(rsa_pki)
    response = answer(client, survey)
    nonce, frozen = get_challenge(client, response)
    old = sign_with(
        rsa_pki, rsa_pki.issue_person(IIN), frozen, timestamp_time=fresh_time() - timedelta(hours=2)
    )
    body = post_cms(client, response, nonce, old).json()
    assert body["status_code"] == "invalid_timestamp" and "predates" in body["detail"]
    response.refresh_from_db()
    assert response.state == Response.State.UNSIGNED


def test_large_crl_is_indexed_when_fetched_and_the_index_is_reused(
    client, survey, rsa_pki, settings, local_server
):
    """The task indexes every fetched CRL into the shared table; a fresh process-level cache
    then answers from that index without walking the CRL (before the fix the first
    verification of each process walked it: 5.2 s for NCA's 150,000 entries)."""
    from plugins.esign_surveys import services
    from plugins.esign_surveys.eds import revocation
    from plugins.esign_surveys.tasks import refresh_revocation

    revoked_person = rsa_pki.issue_person(IIN)
    good_person = rsa_pki.issue_person(IIN)
    generator = random.Random(6)
    listed = [(generator.getrandbits(120), rsa_pki.now - timedelta(days=3)) for _ in range(3000)]
    listed.append((revoked_person.serial, rsa_pki.now - timedelta(days=1)))
    big = rsa_pki.crl(revoked=listed)
    crls = {
        "/nca.crl": big,
        "/root.crl": rsa_pki.crl(rsa_pki.root),
        "/tsa.crl": rsa_pki.crl(rsa_pki.tsa_root),
    }
    server = local_server(
        {
            ("GET", p): (lambda body, d=der: (200, "application/pkix-crl", d))
            for p, der in crls.items()
        }
    )
    settings.ESIGN_SURVEYS_CRL_URLS = [server.url + path for path in crls]
    refresh_revocation.apply()
    index = CrlIndex.objects.get(sha256=hashlib.sha256(big).hexdigest())
    assert index.entries == 3001 and index.crl_number == "1"
    assert RevokedSerial.objects.filter(crl=index, serial=format(revoked_person.serial, "x"))
    assert CrlIndex.objects.count() == 3  # every fetched CRL, once

    # A fresh process: empty in-process caches; nothing may walk a CRL any more.
    services.database_crl_index.clear()
    revocation.process_crl_index.clear()
    walked = services.database_crl_index.builds + revocation.process_crl_index.builds
    outcomes = []
    for person in (revoked_person, good_person):
        response = answer(client, make_survey(survey.site, f"s{person.serial % 1000}"))
        response.survey.signing = "required"
        response.survey.save()
        nonce, frozen = get_challenge(client, response)
        outcomes.append(
            post_cms(client, response, nonce, sign_with(rsa_pki, person, frozen)).json()[
                "status_code"
            ]
        )
    assert outcomes == ["revoked", "valid"]
    assert services.database_crl_index.builds + revocation.process_crl_index.builds == walked
    assert index.verified_with == rsa_pki.intermediate.sha256  # checked once, at fetch time
    # The evidence still keeps the CRL itself, read once when it first serves as evidence.
    valid = Signature.objects.filter(status="valid").latest("received_at")
    assert hashlib.sha256(big).hexdigest() in {item["sha256"] for item in valid.revocation}
    assert bytes(valid.evidence.get(sha256=index.sha256).der) == big
    # Fetching the same CRL again indexes nothing twice.
    refresh_revocation.apply()
    assert CrlIndex.objects.count() == 3
    assert RevokedSerial.objects.filter(crl=index).count() == 3001


@pytest.mark.parametrize(
    ("language", "labels", "number"),
    [
        ("kk", ("Атауы: ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ", "Ел: KZ"), "Жауап нөмірі"),
        ("ru", ("Наименование: ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ", "Страна: KZ"), "Номер ответа"),
    ],
)
def test_receipt_labels_are_localised(client, survey, rsa_pki, language, labels, number):
    """Before the fix: "Common Name: …, Country: KZ" and «Сан» / «Число» for the answer id."""
    from plugins.esign_surveys.receipts import render_html

    cache_crl(rsa_pki)
    response = answer(client, survey)
    nonce, frozen = get_challenge(client, response)
    post_cms(client, response, nonce, sign_with(rsa_pki, rsa_pki.issue_person(IIN), frozen))
    response.refresh_from_db()
    html = render_html(response, language)
    for label in labels:
        assert label in html
    assert f"{number}: {response.public_id}" in html
    assert "Common Name" not in html and "Country" not in html
    assert "Сан:" not in html and "Число:" not in html


def test_an_anonymous_answer_never_reaches_the_page_cache(site_a):
    """Before the fix the first visitor's "you have already answered" page was cached and
    served to the next anonymous visitors."""
    survey = make_survey(site_a, "open-to-all")
    url = f"/kk/surveys/{survey.slug}/"
    first, second = Client(), Client()
    assert first.post(url, {"q1": "yes"}, HTTP_HOST=HOST_A).status_code == 302
    mine = first.get(url, HTTP_HOST=HOST_A)
    assert "Сіз бұл сауалнамаға жауап бердіңіз" in mine.content.decode()
    assert "private" in mine["Cache-Control"] or "no-cache" in mine["Cache-Control"]
    theirs = second.get(url, HTTP_HOST=HOST_A).content.decode()
    assert "Сіз бұл сауалнамаға жауап бердіңіз" not in theirs
    assert 'name="q1"' in theirs


def _vote(browser, survey, address, choice="yes"):
    """What poll.js does: a fresh token (and the device cookie) first, then the vote."""
    token = browser.get("/kk/surveys/csrf.json", HTTP_HOST=HOST_A, REMOTE_ADDR=address).json()[
        "token"
    ]
    return browser.post(
        f"/kk/surveys/{survey.slug}/vote/",
        {"choice": choice},
        HTTP_HOST=HOST_A,
        HTTP_ACCEPT="application/json",
        HTTP_X_CSRFTOKEN=token,
        REMOTE_ADDR=address,
    )


def test_one_poll_vote_per_person_or_device_with_an_address_ceiling(site_a, settings):
    """Before the fix every fresh session counted one more vote."""
    from accounts.factories import UserFactory

    settings.ESIGN_SURVEYS_POLL_VOTES_PER_ADDRESS = 3
    survey = poll(site_a)
    school_nat = "10.1.2.3"
    device = Client(enforce_csrf_checks=True)
    assert _vote(device, survey, school_nat).status_code == 200
    # The same browser with a fresh session (session cookie dropped): still one device.
    del device.cookies["sessionid"]
    again = _vote(device, survey, school_nat, "no")
    assert again.status_code == 400
    assert again.json()["message"] == "Сіз бұл дауыс беруге қатысып қойдыңыз."
    # A forged device cookie is no device: refused, and not counted.
    forged = Client(enforce_csrf_checks=True)
    forged.cookies["esign_device"] = "made-up:value"
    token = forged.get("/kk/surveys/csrf.json", HTTP_HOST=HOST_A).json()["token"]
    forged.cookies["esign_device"] = "made-up:value"
    refused = forged.post(
        f"/kk/surveys/{survey.slug}/vote/",
        {"choice": "no"},
        HTTP_HOST=HOST_A,
        HTTP_ACCEPT="application/json",
        HTTP_X_CSRFTOKEN=token,
        REMOTE_ADDR="10.9.9.9",
    )
    assert refused.status_code == 400
    # New devices behind the school's address count up to the ceiling (3 per window)...
    assert _vote(Client(enforce_csrf_checks=True), survey, school_nat).status_code == 200
    assert _vote(Client(enforce_csrf_checks=True), survey, school_nat).status_code == 200
    ceiling = _vote(Client(enforce_csrf_checks=True), survey, school_nat)
    assert ceiling.status_code == 400 and "Сіздің желіңізден" in ceiling.json()["message"]
    # ...other addresses are not affected.
    assert _vote(Client(enforce_csrf_checks=True), survey, "10.7.7.7").status_code == 200
    # Signed in: one vote per account, whichever browser, not held by the address ceiling.
    parent = UserFactory(email="voter@example.kz")
    laptop, phone = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    laptop.force_login(parent)
    phone.force_login(parent)
    assert _vote(laptop, survey, school_nat).status_code == 200
    assert _vote(phone, survey, "10.7.7.7").status_code == 400
    assert Response.objects.filter(survey=survey).count() == 5
