"""Point 2: agents assign, reply, write internal notes, change statuses and priorities, use
canned answers in kk/ru/en, merge duplicates and escalate to the platform queue."""

import re

from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest
from helpdesk.models import Ticket

from accounts.factories import UserFactory
from plugins.helpdesk import services
from plugins.helpdesk.models import CannedAnswer

from .conftest import host

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("kk"):
        return reverse(f"mektep_helpdesk:{name}", kwargs=kwargs)


def test_assign_status_priority_through_the_desk(client, school_a, school_agent, ticket_a, queue_a):
    client.force_login(school_agent)
    response = client.post(
        url("desk_update", pk=ticket_a.pk),
        {"status": Ticket.OPEN_STATUS, "priority": 1, "assigned_to": school_agent.pk},
        HTTP_HOST=host(school_a),
    )
    assert response.status_code == 302
    ticket_a.refresh_from_db()
    assert ticket_a.assigned_to == school_agent
    assert ticket_a.priority == 1


def test_only_agents_of_the_queue_can_be_assigned(client, school_a, school_agent, ticket_a):
    outsider = UserFactory(email="outsider@example.kz")
    client.force_login(school_agent)
    response = client.post(
        url("desk_update", pk=ticket_a.pk),
        {"status": Ticket.OPEN_STATUS, "priority": 3, "assigned_to": outsider.pk},
        HTTP_HOST=host(school_a),
    )
    assert response.status_code == 400
    ticket_a.refresh_from_db()
    assert ticket_a.assigned_to is None


def test_internal_note_is_not_mailed_or_shown_to_the_requester(
    client, school_a, school_agent, requester, ticket_a, django_capture_on_commit_callbacks
):
    client.force_login(school_agent)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("desk_reply", pk=ticket_a.pk),
            {"text": "Проверить журнал входов", "internal": "on"},
            HTTP_HOST=host(school_a),
        )
    assert mail.outbox == []
    note = ticket_a.followup_set.get(comment="Проверить журнал входов")
    assert note.public is False
    desk = client.get(url("desk_ticket", pk=ticket_a.pk), HTTP_HOST=host(school_a)).content.decode()
    assert "Проверить журнал входов" in desk
    client.force_login(requester)
    page = client.get(url("ticket", pk=ticket_a.pk), HTTP_HOST=host(school_a)).content.decode()
    assert "Проверить журнал входов" not in page


@pytest.mark.parametrize(
    "language,body",
    [
        ("kk", "Сәлеметсіз бе, {name}! №{ticket} өтінім бойынша құпиясөз жаңартылды."),
        ("ru", "Здравствуйте, {name}! По заявке №{ticket} пароль сброшен."),
        ("en", "Hello {name}, the password of ticket {ticket} has been reset."),
    ],
)
def test_canned_answers_in_each_language(
    client, school_a, school_agent, queue_a, ticket_a, requester, language, body
):
    canned = CannedAnswer.objects.create(queue=queue_a, language=language, title="reset", body=body)
    client.force_login(school_agent)
    form = client.get(url("desk_ticket", pk=ticket_a.pk), HTTP_HOST=host(school_a)).content.decode()
    assert "reset (" + language + ")" in form
    response = client.post(
        url("desk_reply", pk=ticket_a.pk),
        {"canned": canned.pk, "text": ""},
        HTTP_HOST=host(school_a),
    )
    assert response.status_code == 302
    expected = body.replace("{name}", requester.get_full_name()).replace(
        "{ticket}", str(ticket_a.pk)
    )
    assert ticket_a.followup_set.filter(comment=expected, public=True).exists()


def test_canned_answers_of_another_queue_are_not_offered(
    client, school_a, school_agent, queue_a, queue_b, ticket_a
):
    other = CannedAnswer.objects.create(queue=queue_b, language="kk", title="B only", body="b")
    client.force_login(school_agent)
    response = client.post(
        url("desk_reply", pk=ticket_a.pk),
        {"canned": other.pk, "text": ""},
        HTTP_HOST=host(school_a),
    )
    assert response.status_code == 400
    assert not ticket_a.followup_set.filter(comment="b").exists()


def test_merge_duplicates(client, school_a, school_agent, requester, ticket_a):
    duplicate = services.create_ticket(requester, school_a, "credentials", "Again", "Пароль опять")
    client.force_login(school_agent)
    response = client.post(
        url("desk_merge", pk=duplicate.pk), {"target": ticket_a.pk}, HTTP_HOST=host(school_a)
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_to == ticket_a
    assert duplicate.status == Ticket.DUPLICATE_STATUS
    assert ticket_a.followup_set.filter(comment="Пароль опять").exists()


def test_escalate_to_platform_queue(
    client, school_a, school_agent, platform_agent, ticket_a, django_capture_on_commit_callbacks
):
    client.force_login(school_agent)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("desk_escalate", pk=ticket_a.pk),
            {"reason": "Нужен доступ к серверу"},
            HTTP_HOST=host(school_a),
        )
    assert response.status_code == 302
    ticket_a.refresh_from_db()
    assert ticket_a.queue.slug == services.PLATFORM_QUEUE_SLUG
    assert ticket_a.record.escalated_at is not None
    assert [m.to for m in mail.outbox] == [[platform_agent.email]]
    # The school agent no longer works it; the platform agent does.
    assert (
        client.get(url("desk_ticket", pk=ticket_a.pk), HTTP_HOST=host(school_a)).status_code == 404
    )
    client.force_login(platform_agent)
    assert client.get(url("desk_ticket", pk=ticket_a.pk), HTTP_HOST="localhost").status_code == 200


def test_desk_filters(client, school_a, school_agent, requester, ticket_a):
    urgent = services.create_ticket(
        requester, school_a, "fault", "Urgent thing", "Всё сломалось", priority=1
    )
    client.force_login(school_agent)
    page = client.get(url("desk") + "?priority=1", HTTP_HOST=host(school_a)).content.decode()
    assert "Urgent thing" in page and "Cannot log in" not in page
    page = client.get(url("desk") + "?q=Cannot", HTTP_HOST=host(school_a)).content.decode()
    assert "Cannot log in" in page and "Urgent thing" not in page
    services.assign(urgent, school_agent, school_agent)
    page = client.get(url("desk") + "?mine=on", HTTP_HOST=host(school_a)).content.decode()
    assert "Urgent thing" in page and "Cannot log in" not in page


def test_queue_filter_offers_and_applies_only_the_agents_queues(
    client, school_a, school_b, platform_agent, queue_a, queue_b, ticket_a, ticket_b
):
    client.force_login(platform_agent)
    on_a = client.get(url("desk"), HTTP_HOST=host(school_a)).content.decode()
    choices = re.search(r'<select name="queue".*?</select>', on_a, re.S).group(0)
    assert f'value="{queue_a.queue_id}"' in choices and f'value="{queue_b.queue_id}"' not in choices
    everywhere = url("desk") + f"?queue={queue_b.queue_id}"
    page = client.get(everywhere, HTTP_HOST="localhost").content.decode()
    assert "Page broken" in page and "Cannot log in" not in page
    # School B's queue asked for on school A's host: refused choice, A's tickets only.
    page = client.get(everywhere, HTTP_HOST=host(school_a)).content.decode()
    assert "Page broken" not in page


def test_listing_stops_counting_at_its_limit(
    client, monkeypatch, school_a, school_agent, requester, ticket_a
):
    from plugins.helpdesk import desk

    for n in range(3):
        services.create_ticket(requester, school_a, "fault", f"Ticket {n}", "Текст")
    monkeypatch.setattr(desk, "MAX_LISTED", 2)
    monkeypatch.setattr(desk, "PAGE_SIZE", 1)
    client.force_login(school_agent)
    with translation.override("ru"):
        desk_url = reverse("mektep_helpdesk:desk")
    first = client.get(desk_url, HTTP_HOST=host(school_a)).content.decode()
    last = client.get(desk_url + "?page=9", HTTP_HOST=host(school_a)).content.decode()
    assert "Ticket 2" in first and "1 / 2" in first
    assert "2 или больше заявок" in first
    # Past the limit: its last page; older tickets are reached by the filters.
    assert "Ticket 1" in last and "2 / 2" in last and "Ticket 0" not in last
