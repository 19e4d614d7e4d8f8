"""schools.tenancy: which schools and sites a user administers."""

from django.core.exceptions import PermissionDenied

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from schools.tenancy import check_site_access, schools_for_user, sites_for_user


@pytest.mark.django_db
def test_site_admin_reaches_only_their_school(school_a, school_b, admin_a):
    assert list(schools_for_user(admin_a)) == [school_a]
    assert list(sites_for_user(admin_a)) == [school_a.site]
    check_site_access(admin_a, school_a.site)
    with pytest.raises(PermissionDenied):
        check_site_access(admin_a, school_b.site)


@pytest.mark.django_db
def test_teacher_is_not_an_administrator(school_a):
    teacher = UserFactory()
    assign_role(teacher, Role.TEACHER, school=school_a)
    assert not sites_for_user(teacher).exists()
    assert list(schools_for_user(teacher, roles=[Role.TEACHER])) == [school_a]


@pytest.mark.django_db
def test_district_coordinator_reaches_the_district_schools(district, school_a, school_b):
    coordinator = UserFactory()
    assign_role(coordinator, Role.DISTRICT_COORDINATOR, district=district)
    assert set(schools_for_user(coordinator)) == {school_a, school_b}


@pytest.mark.django_db
def test_anonymous_and_superuser(school_a, school_b):
    from django.contrib.auth.models import AnonymousUser

    assert not sites_for_user(AnonymousUser()).exists()
    root = UserFactory(is_superuser=True)
    assert {school_a.site, school_b.site} <= set(sites_for_user(root))
