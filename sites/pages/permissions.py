"""Give the per-school groups the permissions of models that sites/ apps add later.

Provisioning grants what existed when a school was created; schools created before an app
was installed get its permissions after `migrate` (post_migrate) and new schools when they
are provisioned (school_created). Every grant is get-or-create, so running it again is
harmless."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from wagtail.models import GroupSitePermission

from accounts.roles import Role


def _permission(model, codename):
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    permission = Permission.objects.filter(content_type=content_type, codename=codename).first()
    if permission is None:
        # post_migrate of this app can run before django.contrib.auth's own handler.
        create_permissions(apps.get_app_config(model._meta.app_label), verbosity=0)
        permission = Permission.objects.get(content_type=content_type, codename=codename)
    return permission


def _school_groups(roles, schools=None):
    from schools.models import SchoolGroup

    groups = SchoolGroup.objects.filter(role__in=roles).select_related("group", "school__site")
    if schools is not None:
        groups = groups.filter(school__in=schools)
    return groups


def grant_site_setting(model, schools=None, roles=(Role.SITE_ADMIN,)):
    """Change permission on a BaseSiteSetting, for the school's own site only."""
    permission = _permission(model, f"change_{model._meta.model_name}")
    for school_group in _school_groups(roles, schools):
        GroupSitePermission.objects.get_or_create(
            group=school_group.group, site=school_group.school.site, permission=permission
        )


def grant_model_permissions(model, actions, schools=None, roles=(Role.SITE_ADMIN,)):
    """Model-wide permissions (add/change/delete); the admin viewsets scope the objects."""
    permissions = [_permission(model, f"{action}_{model._meta.model_name}") for action in actions]
    for school_group in _school_groups(roles, schools):
        school_group.group.permissions.add(*permissions)
