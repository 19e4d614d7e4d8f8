"""The Wagtail admin screen that opens or closes a school's own queue and chooses its agents
among the school's staff: platform administrators reach every school, a school's
administrator only their own school where the helpdesk is on; school A's administrator
can neither see nor change school B's queue."""

from django.urls import reverse
from django.utils import translation

from wagtail.users.models import UserProfile

import pytest
from helpdesk.models import Ticket

from accounts.factories import UserFactory
from plugins.helpdesk import services
from plugins.helpdesk.models import QueueProfile, SLAPolicy
from tests.conftest import ADMIN_HOST

from .conftest import host
from .test_enablement import switch

pytestmark = pytest.mark.django_db

INDEX = "mektep_helpdesk_queues:index"


def admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def edit_url(school):
    return reverse("mektep_helpdesk_queues:edit", args=[school.pk])


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.kz", is_superuser=True, is_staff=True)


def test_platform_admin_opens_a_school_queue_with_its_staff(
    client, superuser, school_a, school_agent, requester, admin_a
):
    client.force_login(superuser)
    form = client.get(edit_url(school_a)).content.decode()
    assert school_agent.email in form and admin_a.email in form
    assert requester.email not in form  # a parent is not staff: never an agent
    response = client.post(
        edit_url(school_a),
        {"is_open": "on", "agents": [school_agent.pk], "owner": admin_a.pk},
    )
    assert response.status_code == 302 and response["Location"] == reverse(INDEX)
    profile = QueueProfile.objects.get(school=school_a)
    assert profile.is_open and profile.owner == admin_a
    assert list(profile.agents.all()) == [school_agent]
    ticket = services.create_ticket(requester, school_a, "fault", "Новая", "Текст")
    assert ticket.queue_id == profile.queue_id
    listing = client.get(reverse(INDEX)).content.decode()
    assert school_a.name in listing


def test_a_non_staff_agent_is_refused(client, superuser, school_a, school_agent, requester):
    client.force_login(superuser)
    response = client.post(edit_url(school_a), {"is_open": "on", "agents": [requester.pk]})
    assert response.status_code == 200
    assert not QueueProfile.objects.filter(school=school_a).exists()


def test_opening_without_agents_is_refused_with_a_message(client, admin_a, school_a):
    admin_language(admin_a, "ru")
    client.force_login(admin_a)
    response = client.post(edit_url(school_a), {"is_open": "on"}, HTTP_HOST=ADMIN_HOST)
    assert response.status_code == 200
    assert "Выберите хотя бы одного исполнителя" in response.content.decode()
    assert not QueueProfile.objects.filter(school=school_a).exists()


def test_school_admin_opens_own_queue_in_kazakh(client, admin_a, school_a, school_agent):
    admin_language(admin_a, "kk")
    client.force_login(admin_a)
    form = client.get(edit_url(school_a), HTTP_HOST=ADMIN_HOST).content.decode()
    assert "Мектеп өз кезегін жүргізеді" in form
    response = client.post(
        edit_url(school_a), {"is_open": "on", "agents": [school_agent.pk]}, HTTP_HOST=ADMIN_HOST
    )
    assert response.status_code == 302
    assert QueueProfile.objects.get(school=school_a).agents.get() == school_agent


def test_school_admin_cannot_see_or_change_another_schools_queue(
    client, admin_a, school_a, school_b, queue_b, school_agent_b
):
    client.force_login(admin_a)
    listing = client.get(reverse(INDEX), HTTP_HOST=ADMIN_HOST).content.decode()
    assert school_a.name in listing and school_b.name not in listing
    results = client.get(
        reverse("mektep_helpdesk_queues:index_results") + f"?q={school_b.slug}",
        HTTP_HOST=ADMIN_HOST,
    ).content.decode()
    assert school_b.name not in results
    for hostname in (ADMIN_HOST, f"{ADMIN_HOST}:8000"):
        assert client.get(edit_url(school_b), HTTP_HOST=hostname).status_code == 404
        response = client.post(edit_url(school_b), {}, HTTP_HOST=hostname)  # would close it
        assert response.status_code == 404
    queue_b.refresh_from_db()
    assert queue_b.is_open and list(queue_b.agents.all()) == [school_agent_b]


def test_school_admin_where_the_helpdesk_is_off(client, admin_a, school_a, school_agent):
    switch(school_a, False)
    client.force_login(admin_a)
    assert client.get(edit_url(school_a), HTTP_HOST=ADMIN_HOST).status_code == 404
    menu = client.get("/admin/", HTTP_HOST=ADMIN_HOST).content.decode()
    assert reverse(INDEX) not in menu
    switch(school_a, True)
    menu = client.get("/admin/", HTTP_HOST=ADMIN_HOST).content.decode()
    assert reverse(INDEX) in menu


def test_closing_moves_tickets_in_work_and_reopening_keeps_settings(
    client, superuser, school_a, school_agent, queue_a, sla_a, requester, ticket_a
):
    done = services.create_ticket(requester, school_a, "fault", "Done", "Решено")
    services.change_status(done, school_agent, Ticket.CLOSED_STATUS)
    client.force_login(superuser)
    assert client.post(edit_url(school_a), {}).status_code == 302  # switched off
    queue_a.refresh_from_db()
    platform = services.platform_queue()
    assert not queue_a.is_open
    ticket_a.refresh_from_db()
    assert ticket_a.queue_id == platform.queue_id
    assert ticket_a.record.escalated_at is not None
    assert Ticket.objects.get(pk=done.pk).queue_id == queue_a.queue_id  # history stays
    new = services.create_ticket(requester, school_a, "fault", "После", "Текст")
    assert new.queue_id == platform.queue_id
    # The school's agent no longer works a queue on the school's host.
    client.force_login(school_agent)
    with translation.override("kk"):
        desk = reverse("mektep_helpdesk:desk")
    assert client.get(desk, HTTP_HOST=host(school_a)).status_code == 403
    client.force_login(superuser)
    client.post(edit_url(school_a), {"is_open": "on", "agents": [school_agent.pk]})
    queue_a.refresh_from_db()
    assert queue_a.is_open
    assert SLAPolicy.objects.filter(queue=queue_a, pk=sla_a.pk).exists()
    assert services.queue_for_school(school_a) == queue_a
