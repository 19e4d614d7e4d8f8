"""Shared fixtures: two provisioned schools with their admins, and a clean cache per test."""

from django.core.cache import cache

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from schools.factories import DistrictFactory, create_school


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def district(db):
    return DistrictFactory(code="test-district")


@pytest.fixture
def school_a(district):
    return create_school("school-a", district=district, sequence=1)


@pytest.fixture
def school_b(district):
    return create_school("school-b", district=district, sequence=2)


@pytest.fixture
def admin_a(school_a):
    user = UserFactory(email="admin-a@example.kz")
    assign_role(user, Role.SITE_ADMIN, school=school_a)
    return user
