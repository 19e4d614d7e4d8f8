"""Helpdesk fixtures: a requester on school A, school A running its own queue with a
school agent, a platform support agent, SLA targets."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from plugins.helpdesk import services
from plugins.helpdesk.models import SLAPolicy

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def png(name="screen.png"):
    return SimpleUploadedFile(name, PNG, "image/png")


def host(school):
    return school.site.hostname


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def requester(school_a):
    user = UserFactory(email="parent-a@example.kz", preferred_language="ru")
    assign_role(user, Role.PARENT, school=school_a)
    return user


@pytest.fixture
def requester_b(school_b):
    user = UserFactory(email="parent-b@example.kz", preferred_language="kk")
    assign_role(user, Role.PARENT, school=school_b)
    return user


@pytest.fixture
def school_agent(school_a):
    user = UserFactory(email="agent-a@example.kz", preferred_language="kk")
    assign_role(user, Role.SITE_ADMIN, school=school_a)
    return user


@pytest.fixture
def school_agent_b(school_b):
    user = UserFactory(email="agent-b@example.kz", preferred_language="kk")
    assign_role(user, Role.SITE_ADMIN, school=school_b)
    return user


@pytest.fixture
def queue_a(school_a, school_agent):
    profile = services.open_school_queue(school_a, owner=school_agent, agents=[school_agent])
    profile.workday_start = datetime.time(9)
    profile.workday_end = datetime.time(18)
    profile.workdays = "12345"
    profile.save()
    return profile


@pytest.fixture
def queue_b(school_b, school_agent_b):
    return services.open_school_queue(school_b, owner=school_agent_b, agents=[school_agent_b])


@pytest.fixture
def platform_agent(db):
    user = UserFactory(email="support@example.kz", preferred_language="en")
    assign_role(user, Role.SUPPORT_AGENT)
    return user


@pytest.fixture
def sla_a(queue_a):
    return SLAPolicy.objects.create(
        queue=queue_a, priority=3, first_response_minutes=60, resolution_minutes=8 * 60
    )


@pytest.fixture
def ticket_a(queue_a, requester, school_a):
    return services.create_ticket(
        requester, school_a, "credentials", "Cannot log in", "My password does not work."
    )


@pytest.fixture
def ticket_b(queue_b, requester_b, school_b):
    return services.create_ticket(
        requester_b, school_b, "fault", "Page broken", "The news page shows an error."
    )
