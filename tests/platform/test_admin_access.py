"""Who reaches the admin: coordinators through their role; school administrators get every
per-site setting of their site, including settings added after the school was created."""

from wagtail.models import GroupSitePermission

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from schools.provisioning import grant_site_settings_permissions

pytestmark = pytest.mark.django_db


def test_coordinator_reaches_the_admin_and_loses_it_with_the_role(client, district):
    coordinator = UserFactory()
    assignment = assign_role(coordinator, Role.DISTRICT_COORDINATOR, district=district)
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 200
    assignment.delete()
    assert client.get("/admin/").status_code == 302


def test_lost_setting_permissions_are_granted_again(school_a, admin_a):
    GroupSitePermission.objects.filter(site=school_a.site).delete()
    grant_site_settings_permissions()
    assert GroupSitePermission.objects.filter(
        site=school_a.site, permission__codename="change_schoolsitesettings"
    ).exists()
