"""Point 3: first-response and resolution targets per queue and priority in business hours,
breach warnings to the agent and the queue owner (once: the beat task is idempotent), and the
SLA state shown on every ticket."""

import datetime
import zoneinfo

from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest
from helpdesk.models import EscalationExclusion

from plugins.helpdesk import services
from plugins.helpdesk.models import SLAPolicy, SLAState, SLAWarning
from plugins.helpdesk.sla import add_business_minutes, sla_state
from plugins.helpdesk.tasks import check_sla

from .conftest import host

pytestmark = pytest.mark.django_db
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def at(*args):
    return datetime.datetime(*args, tzinfo=ALMATY)


def test_business_minutes_skip_nights_weekends_and_holidays(queue_a):
    # Friday 17:30 + 60 business minutes: 30 on Friday, 30 on Monday from 09:00.
    assert add_business_minutes(at(2026, 11, 20, 17, 30), 60, queue_a) == at(2026, 11, 23, 9, 30)
    # Saturday counts nothing; Monday is a holiday of this queue.
    holidays = {datetime.date(2026, 11, 23)}
    assert add_business_minutes(at(2026, 11, 21, 12), 30, queue_a, holidays) == at(
        2026, 11, 24, 9, 30
    )
    # Before opening time the clock starts at opening.
    assert add_business_minutes(at(2026, 11, 24, 7), 120, queue_a) == at(2026, 11, 24, 11)


def test_due_times_follow_queue_priority_and_helpdesk_holidays(queue_a, requester, school_a, sla_a):
    exclusion = EscalationExclusion.objects.create(
        name="Independence day", date=datetime.date(2026, 12, 16)
    )
    exclusion.queues.add(queue_a.queue)
    SLAPolicy.objects.create(
        queue=queue_a, priority=1, first_response_minutes=15, resolution_minutes=120
    )
    ticket = services.create_ticket(requester, school_a, "fault", "t", "description", priority=1)
    record = ticket.record
    assert record.first_response_due is not None
    assert record.resolution_due > record.first_response_due
    # Changing the priority re-targets the clock.
    services.change_priority(ticket, None, 3)
    record.refresh_from_db()
    assert record.resolution_due == add_business_minutes(
        ticket.created, 8 * 60, queue_a, {exclusion.date}
    )


def test_state_and_warnings_once_to_agent_and_owner(
    school_a, queue_a, sla_a, requester, school_agent, django_capture_on_commit_callbacks
):
    from accounts.factories import UserFactory

    helper = UserFactory(email="helper@example.kz", preferred_language="ru")
    queue_a.agents.add(helper)
    ticket = services.create_ticket(requester, school_a, "fault", "t", "description")
    services.assign(ticket, school_agent, helper)
    record = ticket.record
    record.first_response_due = ticket.created + datetime.timedelta(hours=1)
    record.resolution_due = ticket.created + datetime.timedelta(hours=8)
    record.save()
    start = ticket.created
    assert sla_state(record, start + datetime.timedelta(minutes=10)) == SLAState.ON_TRACK
    assert sla_state(record, start + datetime.timedelta(minutes=50)) == SLAState.AT_RISK
    assert sla_state(record, start + datetime.timedelta(minutes=61)) == SLAState.BREACHED

    mail.outbox.clear()
    later = start + datetime.timedelta(minutes=61)
    assert check_sla(now=later) == 1
    assert check_sla(now=later) == 0  # run again (beat, retry): nothing sent twice
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["agent-a@example.kz", "helper@example.kz"]  # assignee and queue owner
    helper_mail = [m for m in mail.outbox if m.to == ["helper@example.kz"]][0]
    assert "Срок первого ответа нарушен" in helper_mail.body
    assert (
        SLAWarning.objects.filter(
            ticket=ticket, kind=SLAWarning.Kind.FIRST_RESPONSE_BREACHED
        ).count()
        == 1
    )

    # The agent answers: the first-response clock stops, no more first-response warnings.
    services.add_reply(ticket, helper, "Смотрим")
    record.refresh_from_db()
    assert check_sla(now=start + datetime.timedelta(hours=7)) == 1  # resolution at risk only
    assert SLAWarning.objects.filter(
        ticket=ticket, kind=SLAWarning.Kind.RESOLUTION_AT_RISK
    ).exists()


def test_sla_state_shown_on_desk_and_ticket(
    client, school_a, school_agent, requester, sla_a, ticket_a
):
    record = ticket_a.record
    record.first_response_due = ticket_a.created - datetime.timedelta(minutes=1)
    record.save()
    client.force_login(school_agent)
    with translation.override("ru"):
        desk_url = reverse("mektep_helpdesk:desk")
        ticket_url = reverse("mektep_helpdesk:ticket", kwargs={"pk": ticket_a.pk})
    assert (
        "helpdesk-sla-breached" in client.get(desk_url, HTTP_HOST=host(school_a)).content.decode()
    )
    client.force_login(requester)
    page = client.get(ticket_url, HTTP_HOST=host(school_a)).content.decode()
    assert "Нарушен" in page
