"""Point 4: the requester rates a resolved ticket through a signed link; GET only shows the
form (a mail scanner's click rates nothing), POST stores the rating tied to the executor of
record; reused, forged and outdated links are refused with a clear message."""

import re

from django.core import mail, signing
from django.urls import reverse
from django.utils import translation

import pytest
from helpdesk.models import Ticket

from accounts.factories import UserFactory
from plugins.helpdesk import services
from plugins.helpdesk.models import TicketRating
from plugins.helpdesk.ratings import rating_token

from .conftest import host

pytestmark = pytest.mark.django_db


def resolve(ticket, agent, capture):
    mail.outbox.clear()
    with capture(execute=True):
        services.change_status(ticket, agent, Ticket.RESOLVED_STATUS, "Пароль сброшен")
    ticket.record.refresh_from_db()
    return mail.outbox


def link_path(message):
    url = re.search(r"https?://\S+/rate/\S+/", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def test_resolution_mail_in_requester_language_and_get_does_not_rate(
    client, school_a, school_agent, requester, ticket_a, django_capture_on_commit_callbacks
):
    services.assign(ticket_a, school_agent, school_agent)
    outbox = resolve(ticket_a, school_agent, django_capture_on_commit_callbacks)
    assert len(outbox) == 1 and outbox[0].to == [requester.email]
    assert "Ваша заявка решена" in outbox[0].subject
    path = link_path(outbox[0])
    assert path.startswith("/ru/support/rate/")
    # A scanner (or the user) following the link: a form, nothing stored.
    for _ in range(3):
        response = client.get(path, HTTP_HOST=host(school_a))
        assert response.status_code == 200
        assert b'method="post"' in response.content
    assert TicketRating.objects.count() == 0


def test_post_rates_once_tied_to_executor_at_resolution(
    client, school_a, school_agent, requester, queue_a, ticket_a, django_capture_on_commit_callbacks
):
    other_agent = UserFactory(email="agent2@example.kz")
    queue_a.agents.add(other_agent)
    services.assign(ticket_a, school_agent, school_agent)
    path = link_path(resolve(ticket_a, school_agent, django_capture_on_commit_callbacks)[0])
    # Reassigned after resolution: the rating still belongs to who resolved it.
    services.assign(ticket_a, other_agent, other_agent)
    response = client.post(path, {"score": 4, "comment": "Быстро"}, HTTP_HOST=host(school_a))
    assert response.status_code == 200
    rating = TicketRating.objects.get()
    assert (rating.score, rating.comment) == (4, "Быстро")
    assert rating.executor == school_agent
    assert rating.rater == requester
    again = client.post(path, {"score": 1}, HTTP_HOST=host(school_a))
    assert again.status_code == 410
    assert "Эта заявка уже оценена" in again.content.decode()
    assert TicketRating.objects.get().score == 4


def test_forged_and_outdated_links_are_refused(
    client, school_a, school_agent, requester, ticket_a, django_capture_on_commit_callbacks
):
    path = link_path(resolve(ticket_a, school_agent, django_capture_on_commit_callbacks)[0])
    token = path.rstrip("/").rsplit("/", 1)[1]
    forged = signing.dumps({"t": ticket_a.pk, "n": ticket_a.record.rating_nonce}, salt="other")
    with translation.override("ru"):
        forged_path = reverse("mektep_helpdesk:rate", kwargs={"token": forged})
    response = client.post(forged_path, {"score": 5}, HTTP_HOST=host(school_a))
    assert response.status_code == 410 and "недействительна" in response.content.decode()
    tampered = client.get(path.replace(token, token[:-2] + "xx"), HTTP_HOST=host(school_a))
    assert tampered.status_code == 410
    # The requester replies: the ticket reopens and the old link stops working.
    services.add_reply(ticket_a, requester, "Снова не работает")
    ticket_a.refresh_from_db()
    assert ticket_a.status == Ticket.REOPENED_STATUS
    response = client.post(path, {"score": 5}, HTTP_HOST=host(school_a))
    assert response.status_code == 410
    assert TicketRating.objects.count() == 0


def test_invalid_score_keeps_the_form(
    client, school_a, school_agent, ticket_a, django_capture_on_commit_callbacks
):
    path = link_path(resolve(ticket_a, school_agent, django_capture_on_commit_callbacks)[0])
    response = client.post(path, {"score": 9, "comment": "мой текст"}, HTTP_HOST=host(school_a))
    assert response.status_code == 200
    assert "мой текст" in response.content.decode()
    assert TicketRating.objects.count() == 0


def test_someone_else_logged_in_cannot_rate(
    client, school_a, school_agent, ticket_a, django_capture_on_commit_callbacks
):
    path = link_path(resolve(ticket_a, school_agent, django_capture_on_commit_callbacks)[0])
    client.force_login(school_agent)
    assert client.post(path, {"score": 5}, HTTP_HOST=host(school_a)).status_code == 404
    assert TicketRating.objects.count() == 0


def test_agent_cannot_rate_own_resolution(
    client, school_a, queue_a, school_agent, django_capture_on_commit_callbacks
):
    ticket = services.create_ticket(school_agent, school_a, "fault", "mine", "own problem")
    outbox = resolve(ticket, school_agent, django_capture_on_commit_callbacks)
    assert outbox == []  # nobody is invited
    with translation.override("ru"):
        path = reverse("mektep_helpdesk:rate", kwargs={"token": rating_token(ticket.record)})
    client.force_login(school_agent)
    response = client.post(path, {"score": 5}, HTTP_HOST=host(school_a))
    assert response.status_code == 410
    assert TicketRating.objects.count() == 0
