"""Who manages which territory links: platform superadmins all of them, a region coordinator
the links of their region and of its districts, a district coordinator their district's."""

from django.db.models import Q

from wagtail.permission_policies.base import ModelPermissionPolicy

from accounts.roles import Role
from schools.models import District, Region

from .models import TerritoryLink

ACTIONS = {"add", "change", "delete", "view"}


def coordinated_territories(user):
    """(regions, districts) the user coordinates; districts include those of their regions."""
    if not user.is_authenticated:
        return Region.objects.none(), District.objects.none()
    if user.is_superuser:
        return Region.objects.all(), District.objects.all()
    assignments = user.role_assignments.all()
    regions = Region.objects.filter(
        pk__in=assignments.filter(role=Role.REGION_COORDINATOR).values("region")
    )
    districts = District.objects.filter(
        Q(pk__in=assignments.filter(role=Role.DISTRICT_COORDINATOR).values("district"))
        | Q(region__in=regions)
    )
    return regions, districts


def links_for(user):
    if user.is_superuser:
        return TerritoryLink.objects.all()
    regions, districts = coordinated_territories(user)
    return TerritoryLink.objects.filter(Q(region__in=regions) | Q(district__in=districts))


def is_coordinator(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        user.is_superuser
        or user.role_assignments.filter(
            role__in=[Role.REGION_COORDINATOR, Role.DISTRICT_COORDINATOR]
        ).exists()
    )


class TerritoryLinkPermissionPolicy(ModelPermissionPolicy):
    """By role and territory rather than by Django model permissions: coordinators hold no
    per-model permissions, their role assignment is what entitles them."""

    def user_has_permission(self, user, action):
        return action in ACTIONS and is_coordinator(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and links_for(user).filter(pk=instance.pk).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return TerritoryLink.objects.none()
        return links_for(user)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])
