"""Applications on the site: places, waiting list, deadline, bad input, honeypot, rate limit,
e-mails in the applicant's language, and the signed cancellation link."""

import re
from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.utils import timezone

import pytest

from sites.events.applications import ApplicationStatus, EventApplication, apply, cancel

from .conftest import VALID, host, make_event

pytestmark = pytest.mark.django_db


def post(client, school, event, lang="kk", **overrides):
    data = {**VALID, **overrides}
    return client.post(f"/{lang}/events/{event.slug}/", data, **host(school))


def test_application_is_confirmed_and_mailed(
    client, school_a, event_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, school_a, event_a)
    assert response.status_code == 302
    application = EventApplication.objects.get()
    assert application.status == ApplicationStatus.CONFIRMED
    assert application.site == school_a.site
    assert len(mail.outbox) == 1
    assert "/kk/events/" in mail.outbox[0].body
    assert application.confirmation_sent_at is not None


def test_full_event_puts_applicant_on_waiting_list_and_says_so(
    client, school_a, event_a, django_capture_on_commit_callbacks
):
    post(client, school_a, event_a, email="a@example.kz", participants="3")
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, school_a, event_a, lang="ru", email="b@example.kz")
    application = EventApplication.objects.get(email="b@example.kz")
    assert application.status == ApplicationStatus.WAITING
    page = client.get(response.url, **host(school_a))
    assert "листе ожидания" in page.content.decode()
    # The waiting-list e-mail is in the applicant's language (Russian).
    assert (
        "лист ожидания" in mail.outbox[-1].subject.lower()
        or "лист ожидания" in mail.outbox[-1].body
    )


def test_group_larger_than_places_left_waits(school_a, event_a):
    first = apply(event_a, school_a.site, name="A", email="a@x.kz", participants=2, language="kk")
    second = apply(event_a, school_a.site, name="B", email="b@x.kz", participants=2, language="kk")
    assert first.status == ApplicationStatus.CONFIRMED
    assert second.status == ApplicationStatus.WAITING
    assert event_a.places_left() == 1


def test_cancellation_link_frees_place_and_promotes_first_waiting(
    client, school_a, event_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, school_a, event_a, email="a@example.kz", participants="3")
        post(client, school_a, event_a, lang="en", email="b@example.kz", name="Bob")
        post(client, school_a, event_a, email="c@example.kz")
    first = EventApplication.objects.get(email="a@example.kz")
    link = re.search(r"https?://\S+/cancel/\S+/", mail.outbox[0].body).group(0)
    path = link.split(school_a.site.hostname, 1)[1].lstrip(":0123456789")
    # GET only asks; a mail scanner following the link cancels nothing.
    assert client.get(path, **host(school_a)).status_code == 200
    first.refresh_from_db()
    assert first.status == ApplicationStatus.CONFIRMED
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path, **host(school_a)).status_code == 302
        # Idempotent: the second click changes nothing and promotes nobody else.
        assert client.post(path, **host(school_a)).status_code == 302
    first.refresh_from_db()
    assert first.status == ApplicationStatus.CANCELLED
    statuses = dict(EventApplication.objects.values_list("email", "status"))
    assert statuses["b@example.kz"] == ApplicationStatus.CONFIRMED
    assert statuses["c@example.kz"] == ApplicationStatus.CONFIRMED
    # The applicant is told the application is cancelled; the promoted ones that they got in.
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.kz", "b@example.kz", "c@example.kz"]
    english = next(m for m in mail.outbox if m.to == ["b@example.kz"])
    assert "A place is free" in english.subject


def test_cancel_twice_promotes_once(school_a, event_a):
    event_a.capacity = 1
    event_a.save()
    first = apply(event_a, school_a.site, name="A", email="a@x.kz", participants=1, language="kk")
    apply(event_a, school_a.site, name="B", email="b@x.kz", participants=1, language="kk")
    apply(event_a, school_a.site, name="C", email="c@x.kz", participants=1, language="kk")
    assert len(cancel(first)) == 1
    assert cancel(first) == []
    statuses = dict(EventApplication.objects.values_list("email", "status"))
    assert statuses == {"a@x.kz": "cancelled", "b@x.kz": "confirmed", "c@x.kz": "waiting"}


def test_forged_cancellation_token_is_404(client, school_a, event_a, index_a):
    application = apply(event_a, school_a.site, name="A", email="a@x.kz", language="kk")
    token = application.cancel_token()
    forged = f"{application.pk + 1}-{token.partition('-')[2]}"
    for bad in (forged, f"{application.pk}-forged", "forged"):
        response = client.get(f"/kk/events/{event_a.slug}/cancel/{bad}/", **host(school_a))
        assert response.status_code == 404
    # A genuine token on another event's page does not reach the application either.
    other = make_event(index_a, title="Басқа", slug="other", applications_enabled=True)
    response = client.get(f"/kk/events/{other.slug}/cancel/{token}/", **host(school_a))
    assert response.status_code == 404
    assert (
        client.get(f"/kk/events/{event_a.slug}/cancel/{token}/", **host(school_a)).status_code
        == 200
    )


def test_deadline_passed_refuses_with_message_and_keeps_input(client, school_a, event_a):
    event_a.application_deadline = timezone.now() - timedelta(hours=1)
    event_a.save_revision().publish()
    response = post(client, school_a, event_a, lang="ru", name="Ольга Иванова")
    assert response.status_code == 400
    assert "Приём заявок на это мероприятие закрыт" in response.content.decode()
    assert not EventApplication.objects.exists()


def test_invalid_email_keeps_what_was_typed(client, school_a, event_a):
    response = post(client, school_a, event_a, email="not-an-email", comment="Біз 3 адам келеміз")
    assert response.status_code == 400
    content = response.content.decode()
    assert "Біз 3 адам келеміз" in content
    assert 'value="not-an-email"' in content
    assert "Айгүл Серікова" in content
    assert not EventApplication.objects.exists()


def test_honeypot_stores_nothing(client, school_a, event_a):
    response = post(client, school_a, event_a, website="http://spam.example")
    assert response.status_code == 302
    assert not EventApplication.objects.exists()
    assert not mail.outbox


@override_settings(EVENTS_RATE_LIMITS={"per_ip": (2, 3600), "per_email": (5, 3600)})
def test_rate_limit(client, school_a, event_a):
    post(client, school_a, event_a, email="a@example.kz")
    post(client, school_a, event_a, email="b@example.kz")
    response = post(client, school_a, event_a, email="c@example.kz", comment="сақталады")
    assert response.status_code == 400
    assert "сақталады" in response.content.decode()
    assert EventApplication.objects.count() == 2


def test_closed_when_not_enabled(client, school_a, index_a):
    event = make_event(index_a, title="Жабық", applications_enabled=False)
    response = post(client, school_a, event)
    assert response.status_code == 400
    assert not EventApplication.objects.exists()
