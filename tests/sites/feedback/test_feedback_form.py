"""The public feedback form: storing, mailing, honeypot, rate limits, bad input."""

from django.core import mail
from django.test import override_settings

import pytest

from sites.feedback.models import FeedbackSubmission
from tests.sites.news.conftest import translate

from .conftest import VALID, host

pytestmark = pytest.mark.django_db


def send(client, school, data, language="kk", **extra):
    return client.post(f"/{language}/feedback/", data, **host(school), **extra)


def test_form_renders_in_three_languages(client, school_a, feedback_page):
    labels = {"kk": "Хабарлама", "ru": "Сообщение", "en": "Message"}
    for language in ("ru", "en"):
        translate(feedback_page, language)
    for language, label in labels.items():
        response = client.get(f"/{language}/feedback/", **host(school_a))
        assert response.status_code == 200, language
        html = response.content.decode()
        assert label in html
        assert 'class="feedback-hp"' in html and "style=" not in html


def test_submission_is_stored_and_mailed_to_the_page_addresses(
    client, school_a, feedback_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, school_a, VALID, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302
    submission = FeedbackSubmission.objects.get()
    assert submission.site == school_a.site and submission.language == "kk"
    assert submission.ip_hash and "10.0.0.1" not in submission.ip_hash
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["office@school-a.kz", "director@school-a.kz"]
    assert message.reply_to == ["aigul@example.kz"]
    assert "1-сыныпқа қабылдау" in message.body
    follow = client.get(response["Location"], **host(school_a)).content.decode()
    assert "Рақмет" in follow
    # The task is idempotent: running it again mails nothing.
    from sites.feedback.tasks import send_submission_to_recipients

    assert send_submission_to_recipients(submission.pk) is False
    assert len(mail.outbox) == 1


def test_missing_fields_keep_what_was_typed(client, school_a, feedback_page):
    data = {**VALID, "email": "", "consent": ""}
    response = send(client, school_a, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Айгүл Серікова"' in html
    assert "1-сыныпқа қабылдау қашан басталады?" in html
    assert 'value="+7 701 123 45 67"' in html
    assert "Міндетті" in html or "міндетті" in html  # Django's "This field is required." in kk
    assert not FeedbackSubmission.objects.exists()


def test_errors_are_summarised_above_the_form_and_linked_to_fields(client, school_a, feedback_page):
    for language, title in (
        ("kk", "Төменде белгіленгенді түзетіңіз"),
        ("ru", "Исправьте отмеченное ниже"),
    ):
        if language != "kk":
            translate(feedback_page, language)
        response = send(client, school_a, {**VALID, "email": "not-an-email"}, language=language)
        html = response.content.decode()
        summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
        assert title in summary
        assert 'href="#id_email"' in summary
        # The summary comes before the form's fields, where a screen reader meets it first.
        assert html.index('class="error-summary"') < html.index('id="id_email"')


def test_bad_phone_and_email_get_messages(client, school_a, feedback_page):
    response = send(client, school_a, {**VALID, "phone": "call me", "email": "not-an-email"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "+7 701 123 45 67" in html  # the phone hint
    assert 'value="call me"' in html


def test_honeypot_stores_and_sends_nothing(
    client, school_a, feedback_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, school_a, {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302  # looks like success to the bot
    assert not FeedbackSubmission.objects.exists()
    assert mail.outbox == []


@override_settings(FEEDBACK_RATE_LIMITS={"per_ip": (2, 3600), "per_email": (10, 3600)})
def test_rate_limit_per_ip(client, school_a, feedback_page):
    for n in range(2):
        data = {**VALID, "email": f"p{n}@example.kz"}
        assert send(client, school_a, data, REMOTE_ADDR="10.0.0.9").status_code == 302
    response = send(client, school_a, {**VALID, "email": "p3@example.kz"}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 400
    assert "1-сыныпқа қабылдау қашан басталады?" in response.content.decode()
    # Another address is not affected.
    other = send(client, school_a, {**VALID, "email": "p4@example.kz"}, REMOTE_ADDR="10.0.0.10")
    assert other.status_code == 302
    assert FeedbackSubmission.objects.count() == 3


def test_parents_behind_one_school_address_are_not_refused_by_default(
    client, school_a, feedback_page
):
    # A parents' evening: twenty parents write from the school's one NAT address; each person
    # is limited by their own e-mail address (3 an hour), not by the shared address.
    for n in range(20):
        data = {**VALID, "email": f"parent{n}@example.kz"}
        assert send(client, school_a, data, REMOTE_ADDR="10.1.1.1").status_code == 302
    for _again in range(3):
        send(client, school_a, {**VALID, "email": "busy@example.kz"}, REMOTE_ADDR="10.1.1.1")
    fourth = send(client, school_a, {**VALID, "email": "busy@example.kz"}, REMOTE_ADDR="10.1.1.1")
    assert fourth.status_code == 400
    assert FeedbackSubmission.objects.count() == 23


@override_settings(FEEDBACK_RATE_LIMITS={"per_ip": (10, 3600), "per_email": (1, 3600)})
def test_rate_limit_per_email(client, school_a, feedback_page):
    assert send(client, school_a, VALID, REMOTE_ADDR="10.0.0.1").status_code == 302
    response = send(client, school_a, VALID, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 400
    assert "Бір сағаттан кейін" in response.content.decode()
    assert FeedbackSubmission.objects.count() == 1


def test_recipients_must_be_addresses(school_a):
    from django.core.exceptions import ValidationError

    from sites.feedback.models import FeedbackFormPage

    page = FeedbackFormPage(title="F", slug="f", recipients="office@school.kz, not an address")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "not" in str(error.value)
