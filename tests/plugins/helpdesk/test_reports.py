"""Point 4, reports: per agent, queue, school and period: tickets handled, median first
response and resolution, SLA breaches, average rating with counts; table, chart, CSV and
XLSX; scoped to what the viewer may work."""

import datetime
import io

from django.urls import reverse
from django.utils import timezone, translation

import pytest
from helpdesk.models import Ticket
from openpyxl import load_workbook

from plugins.helpdesk import services
from plugins.helpdesk.access import agent_queues
from plugins.helpdesk.models import TicketRating
from plugins.helpdesk.reports import build_report

from .conftest import host

pytestmark = pytest.mark.django_db


@pytest.fixture
def handled(school_a, school_agent, requester, queue_a, ticket_a, ticket_b):
    created = ticket_a.created
    services.assign(ticket_a, school_agent, school_agent)
    services.add_reply(ticket_a, school_agent, "Ответ")
    services.change_status(ticket_a, school_agent, Ticket.RESOLVED_STATUS)
    record = ticket_a.record
    record.first_response_at = created + datetime.timedelta(hours=2)
    record.resolved_at = created + datetime.timedelta(hours=6)
    record.resolution_due = created + datetime.timedelta(hours=4)  # resolved late: a breach
    record.save()
    TicketRating.objects.create(ticket=ticket_a, executor=school_agent, rater=requester, score=5)
    second = services.create_ticket(requester, school_a, "content", "Second", "Вопрос по контенту")
    services.assign(second, school_agent, school_agent)
    services.change_status(second, school_agent, Ticket.RESOLVED_STATUS)
    second.record.first_response_at = second.created + datetime.timedelta(hours=4)
    second.record.resolved_at = second.created + datetime.timedelta(hours=10)
    second.record.save()
    TicketRating.objects.create(ticket=second, executor=school_agent, rater=requester, score=2)
    return ticket_a, second


def test_metrics_per_agent(school_a, school_agent, handled):
    today = timezone.localdate()
    queues = agent_queues(school_agent, school_a)
    rows, totals = build_report(
        school_agent, school_a, queues, today - datetime.timedelta(days=1), today, "agent"
    )
    ((label, metrics),) = rows
    assert label == f"{school_agent.last_name} {school_agent.first_name}"
    assert metrics["tickets"] == 2
    assert metrics["median_first_response_hours"] == 3.0
    assert metrics["median_resolution_hours"] == 8.0
    assert metrics["sla_breaches"] == 1
    assert metrics["average_rating"] == 3.5 and metrics["ratings"] == 2
    # School B's ticket is not in school A's agent's report.
    assert totals["tickets"] == 2


def test_groups_and_period(platform_agent, handled, school_a, school_b):
    today = timezone.localdate()
    queues = agent_queues(platform_agent)
    rows, totals = build_report(platform_agent, None, queues, today, today, "school")
    labels = dict(rows)
    assert totals["tickets"] == 3
    assert {str(label) for label in labels} == {school_a.name, school_b.name}
    rows, totals = build_report(
        platform_agent,
        None,
        queues,
        today + datetime.timedelta(days=1),
        today + datetime.timedelta(days=2),
        "queue",
    )
    assert rows == [] and totals["tickets"] == 0


def test_report_page_chart_and_exports(client, school_a, school_agent, handled):
    client.force_login(school_agent)
    with translation.override("ru"):
        url = reverse("mektep_helpdesk:report")
    page = client.get(url + "?group=queue", HTTP_HOST=host(school_a))
    text = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in text and "Средняя оценка" in text
    csv_response = client.get(url + "?group=agent&export=csv", HTTP_HOST=host(school_a))
    assert csv_response["Content-Type"].startswith("text/csv")
    body = csv_response.content.decode("utf-8-sig")
    assert "Средняя оценка" in body.splitlines()[0]
    assert ",3.5,2" in body
    xlsx = client.get(url + "?group=agent&export=xlsx", HTTP_HOST=host(school_a))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Группа"
    assert rows[-1][0] == "Итого" and rows[-1][1] == 2
