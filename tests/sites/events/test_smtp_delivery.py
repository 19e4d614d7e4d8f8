"""Applicants' e-mails go out through a real SMTP conversation (tests/sites/conftest.py's
aiosmtpd sink) in the language they applied in: the confirmation, the waiting-list notice,
the cancellation notice after the e-mailed link is used, and the place-is-free message."""

import re
from urllib.parse import urlsplit

import pytest

from sites.events.applications import ApplicationStatus, EventApplication

from ..conftest import body, subject
from .conftest import VALID, host

pytestmark = pytest.mark.django_db


def test_applicant_emails_over_smtp_in_their_language(
    client, school_a, event_a, smtp_sink, django_capture_on_commit_callbacks
):
    event_a.capacity = 2
    event_a.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kk/events/{event_a.slug}/", {**VALID, "participants": "2"}, **host(school_a))
        response = client.post(
            f"/ru/events/{event_a.slug}/",
            {**VALID, "name": "Ольга", "email": "olga@example.kz"},
            **host(school_a),
        )
    # The Russian applicant is told on the page and by e-mail, in Russian.
    notice = client.get(response.url, **host(school_a)).content.decode()
    assert "вы в листе ожидания" in notice
    [confirmed] = smtp_sink.to("aigul@example.kz")
    assert subject(confirmed) == "Өтінім расталды: Ашық есік күні"
    assert body(confirmed).startswith("Сәлеметсіз бе, Айгүл Серікова!")
    [waiting] = smtp_sink.to("olga@example.kz")
    assert subject(waiting) == "Лист ожидания: Ашық есік күні"
    assert "в листе ожидания" in body(waiting)
    assert "/ru/events/" in body(waiting)

    # The link from the delivered Kazakh e-mail cancels (GET asks, POST cancels).
    link = re.search(r"https?://\S+/cancel/\S+/", body(confirmed)).group(0)
    path = urlsplit(link).path
    assert client.get(path, **host(school_a)).status_code == 200
    smtp_sink.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path, **host(school_a)).status_code == 302
    [cancelled] = smtp_sink.to("aigul@example.kz")
    assert subject(cancelled) == "Өтінімнен бас тартылды: Ашық есік күні"
    [promoted] = smtp_sink.to("olga@example.kz")
    assert subject(promoted) == "Для вас освободилось место: Ашық есік күні"
    statuses = dict(EventApplication.objects.values_list("email", "status"))
    assert statuses == {
        "aigul@example.kz": ApplicationStatus.CANCELLED,
        "olga@example.kz": ApplicationStatus.CONFIRMED,
    }
    # Each mail went out once: a retried task sends nothing, and no task sends what no
    # longer holds (no "place is free" to the cancelled applicant, no cancellation notice
    # to the confirmed one).
    from sites.events.tasks import send_cancellation, send_confirmation, send_promotion

    smtp_sink.messages.clear()
    for application in EventApplication.objects.all():
        assert not send_confirmation(application.pk)
        assert not send_promotion(application.pk)
        assert not send_cancellation(application.pk)
    assert smtp_sink.messages == []
