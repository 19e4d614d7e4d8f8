"""Deleting a user with tickets anonymises instead of failing; nothing is lost."""

from django.urls import reverse

import pytest
from helpdesk.models import FollowUp, Ticket
from security.personal_data import anonymise_user, export_user_data

from accounts.factories import UserFactory
from plugins.helpdesk import services
from plugins.helpdesk.models import TicketRating

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked(school_a, requester, school_agent, ticket_a):
    services.assign(ticket_a, school_agent, school_agent)
    services.add_reply(ticket_a, school_agent, "Ответ агента")
    services.change_status(ticket_a, school_agent, Ticket.RESOLVED_STATUS)
    TicketRating.objects.create(ticket=ticket_a, executor=school_agent, rater=requester, score=5)
    return ticket_a


def test_deleting_requester_and_agent_in_the_admin(
    client, school_a, requester, school_agent, worked
):
    followups = FollowUp.objects.filter(ticket=worked).count()
    superuser = UserFactory(email="root@example.kz", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    for user in (requester, school_agent):  # django-helpdesk's PROTECT keys would refuse the agent
        response = client.post(reverse("wagtailusers_users:delete", args=[user.pk]))
        assert response.status_code == 302
        assert not type(user).objects.filter(pk=user.pk).exists()
    ticket = Ticket.objects.get(pk=worked.pk)
    assert ticket.assigned_to is None
    assert ticket.submitter_email is None
    assert ticket.record.requester is None and ticket.record.requester_deleted
    assert FollowUp.objects.filter(ticket=ticket).count() == followups
    assert FollowUp.objects.filter(ticket=ticket, comment="Ответ агента", user=None).exists()
    assert TicketRating.objects.get(ticket=ticket).score == 5


def test_platform_deletion_flow_anonymises_tickets(requester, worked):
    assert export_user_data(requester)["helpdesk"][0]["ticket"] == worked.pk
    anonymise_user(requester)
    ticket = Ticket.objects.get(pk=worked.pk)
    assert ticket.submitter_email is None
    assert ticket.record.requester_deleted
    assert ticket.followup_set.count() >= 2
