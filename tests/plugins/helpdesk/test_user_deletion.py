"""Deleting a user with tickets anonymises instead of failing, whichever way the row goes
(Wagtail's user admin, `user.delete()`, a queryset's `delete()`); nothing is lost."""

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


def assert_kept_anonymised(ticket_pk, thread):
    ticket = Ticket.objects.select_related("record").get(pk=ticket_pk)
    assert ticket.assigned_to is None
    assert ticket.submitter_email is None
    assert ticket.record.requester is None and ticket.record.requester_deleted
    assert ticket.record.resolved_by is None
    kept = list(FollowUp.objects.filter(ticket=ticket).order_by("id").values_list("id", "comment"))
    assert kept == thread  # every message, in order, with its text
    assert not FollowUp.objects.filter(ticket=ticket, user__isnull=False).exists()
    rating = TicketRating.objects.get(ticket=ticket)
    assert rating.score == 5 and rating.executor is None and rating.rater is None


def thread_of(ticket):
    return list(FollowUp.objects.filter(ticket=ticket).order_by("id").values_list("id", "comment"))


def test_plain_user_delete_anonymises(requester, school_agent, queue_a, worked):
    thread = thread_of(worked)
    assert len(thread) >= 3 and worked.assigned_to == school_agent
    requester.delete()
    school_agent.delete()  # the assignee and author of replies: PROTECT keys in django-helpdesk
    assert not type(requester).objects.filter(pk__in=[requester.pk, school_agent.pk]).exists()
    assert_kept_anonymised(worked.pk, thread)
    queue_a.refresh_from_db()
    assert queue_a.owner is None and not queue_a.agents.exists()


def test_queryset_delete_anonymises(requester, school_agent, worked):
    thread = thread_of(worked)
    deleted, _per_model = (
        type(requester).objects.filter(pk__in=[requester.pk, school_agent.pk]).delete()
    )
    assert deleted >= 2
    assert_kept_anonymised(worked.pk, thread)


def test_platform_deletion_flow_anonymises_tickets(requester, worked):
    assert export_user_data(requester)["helpdesk"][0]["ticket"] == worked.pk
    anonymise_user(requester)
    ticket = Ticket.objects.get(pk=worked.pk)
    assert ticket.submitter_email is None
    assert ticket.record.requester_deleted
    assert ticket.followup_set.count() >= 2
