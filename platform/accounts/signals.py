"""Role assignments drive Django group membership, so Wagtail's page, collection and site
permissions follow a user's roles in their schools."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import RoleAssignment
from .roles import SCHOOL_ADMIN_ROLES, Role

COORDINATOR_ROLES = (Role.REGION_COORDINATOR, Role.DISTRICT_COORDINATOR)


def coordinators_group():
    """District and region coordinators work in the admin (territory links, portals); this
    group gives them admin access, and what they reach is scoped by schools.tenancy."""
    from django.contrib.auth.models import Group, Permission

    group, created = Group.objects.get_or_create(name="Territory coordinators")
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group


def sync_user_groups(user):
    from schools.models import SchoolGroup

    pairs = user.role_assignments.filter(
        school__isnull=False, role__in=SCHOOL_ADMIN_ROLES
    ).values_list("school_id", "role")
    match = Q(pk__in=[])
    for school_id, role in pairs:
        match |= Q(school_id=school_id, role=role)
    wanted = set(SchoolGroup.objects.filter(match).values_list("group_id", flat=True))
    managed = set(SchoolGroup.objects.values_list("group_id", flat=True))
    current = set(user.groups.values_list("id", flat=True))
    coordinators = coordinators_group()
    managed.add(coordinators.pk)
    if user.role_assignments.filter(role__in=COORDINATOR_ROLES).exists():
        wanted.add(coordinators.pk)
    user.groups.remove(*((current & managed) - wanted))
    user.groups.add(*(wanted - current))
    if user.role_assignments.filter(role=Role.SUPERADMIN).exists() and not user.is_superuser:
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])


@receiver(post_save, sender=RoleAssignment)
@receiver(post_delete, sender=RoleAssignment)
def role_assignment_changed(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata / backup restore: the archive carries group memberships already
        return
    sync_user_groups(instance.user)
