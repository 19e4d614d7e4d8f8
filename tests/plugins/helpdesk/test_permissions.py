"""Object-by-object permissions: a user sees only their own tickets on the site they are on;
a school agent only their school's queue; the public views of site A never show site B's
data; everything else answers 403 (not an agent) or 404 (not yours)."""

from django.urls import reverse
from django.utils import translation

import pytest
from helpdesk.models import FollowUpAttachment

from accounts.factories import UserFactory
from plugins.helpdesk import services

from .conftest import host, png

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("ru"):
        return reverse(f"mektep_helpdesk:{name}", kwargs=kwargs)


def test_requester_sees_only_own_tickets(client, school_a, requester, ticket_a, queue_a):
    other = UserFactory(email="other@example.kz")
    theirs = services.create_ticket(other, school_a, "fault", "Чужая заявка", "Чужое описание")
    client.force_login(requester)
    listing = client.get(url("tickets"), HTTP_HOST=host(school_a)).content.decode()
    assert "Cannot log in" in listing
    assert "Чужая заявка" not in listing
    assert client.get(url("ticket", pk=theirs.pk), HTTP_HOST=host(school_a)).status_code == 404
    response = client.post(url("ticket", pk=theirs.pk), {"text": "hi"}, HTTP_HOST=host(school_a))
    assert response.status_code == 404
    assert not theirs.followup_set.filter(comment="hi").exists()


def test_public_views_of_site_a_never_show_site_b(client, school_a, school_b, requester, ticket_a):
    client.force_login(requester)
    # The requester's own ticket of school A is not reachable on school B's site.
    assert client.get(url("ticket", pk=ticket_a.pk), HTTP_HOST=host(school_b)).status_code == 404
    listing = client.get(url("tickets"), HTTP_HOST=host(school_b)).content.decode()
    assert "Cannot log in" not in listing


def test_school_agent_works_only_their_school_queue(
    client, school_a, school_b, school_agent, ticket_a, ticket_b
):
    client.force_login(school_agent)
    desk = client.get(url("desk"), HTTP_HOST=host(school_a)).content.decode()
    assert "Cannot log in" in desk
    assert "Page broken" not in desk
    assert (
        client.get(url("desk_ticket", pk=ticket_a.pk), HTTP_HOST=host(school_a)).status_code == 200
    )
    # School B's ticket: not found on A's desk, and B's desk is closed to A's agent.
    assert (
        client.get(url("desk_ticket", pk=ticket_b.pk), HTTP_HOST=host(school_a)).status_code == 404
    )
    assert client.get(url("desk"), HTTP_HOST=host(school_b)).status_code == 403
    assert client.get(url("report"), HTTP_HOST=host(school_b)).status_code == 403
    assert (
        client.get(url("desk_ticket", pk=ticket_b.pk), HTTP_HOST=host(school_b)).status_code == 403
    )
    for action, data in [
        ("desk_reply", {"text": "x"}),
        ("desk_update", {"status": 3, "priority": 1}),
        ("desk_merge", {"target": ticket_a.pk}),
        ("desk_escalate", {"reason": "x"}),
    ]:
        response = client.post(url(action, pk=ticket_b.pk), data, HTTP_HOST=host(school_a))
        assert response.status_code == 404, action
    ticket_b.refresh_from_db()
    assert ticket_b.status == 1 and ticket_b.priority == 3
    assert not ticket_b.followup_set.filter(comment="x").exists()


def test_merge_refuses_a_target_outside_the_agents_queues(
    client, school_a, school_agent, ticket_a, ticket_b
):
    client.force_login(school_agent)
    response = client.post(
        url("desk_merge", pk=ticket_a.pk), {"target": ticket_b.pk}, HTTP_HOST=host(school_a)
    )
    assert response.status_code == 400
    ticket_a.refresh_from_db()
    assert ticket_a.merged_to is None


def test_requester_and_anonymous_cannot_open_the_desk(client, school_a, requester, ticket_a):
    response = client.get(url("desk"), HTTP_HOST=host(school_a))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(requester)
    assert client.get(url("desk"), HTTP_HOST=host(school_a)).status_code == 403
    assert (
        client.get(url("desk_ticket", pk=ticket_a.pk), HTTP_HOST=host(school_a)).status_code == 403
    )
    assert client.get(url("report"), HTTP_HOST=host(school_a)).status_code == 403


def test_platform_agent_sees_every_queue_on_platform_host_and_one_school_on_its_host(
    client, school_a, school_b, platform_agent, ticket_a, ticket_b
):
    client.force_login(platform_agent)
    everything = client.get(url("desk"), HTTP_HOST="localhost").content.decode()
    assert "Cannot log in" in everything and "Page broken" in everything
    on_a = client.get(url("desk"), HTTP_HOST=host(school_a)).content.decode()
    assert "Cannot log in" in on_a and "Page broken" not in on_a


def test_attachments_are_served_only_to_those_who_may_read_the_ticket(
    client, school_a, school_b, requester, requester_b, school_agent, school_agent_b, queue_a
):
    ticket = services.create_ticket(requester, school_a, "fault", "t", "with file", [png()])
    item = FollowUpAttachment.objects.get(followup__ticket=ticket)
    note = services.add_reply(
        ticket, school_agent, "internal file", [png("note.png")], public=False
    )
    internal = FollowUpAttachment.objects.get(followup=note)
    client.force_login(requester)
    assert client.get(url("attachment", pk=item.pk), HTTP_HOST=host(school_a)).status_code == 200
    assert (
        client.get(url("attachment", pk=internal.pk), HTTP_HOST=host(school_a)).status_code == 404
    )
    client.force_login(school_agent)
    assert (
        client.get(url("attachment", pk=internal.pk), HTTP_HOST=host(school_a)).status_code == 200
    )
    for user in (requester_b, school_agent_b):
        client.force_login(user)
        for hostname in (host(school_a), host(school_b)):
            assert client.get(url("attachment", pk=item.pk), HTTP_HOST=hostname).status_code == 404
