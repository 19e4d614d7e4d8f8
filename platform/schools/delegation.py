"""Delegated access: a contributor edits one section of a school site; the school's
administrators approve and publish through a Wagtail workflow.

Each delegation gets a Django group of its own holding add/change (never publish) on the
section and, when asked, add/choose on the school's collection. The school's approval
workflow (a GroupApprovalTask for the school's administrators) is attached to the section,
so a contributor's "Submit for moderation" lands in the administrators' dashboard."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts.roles import Role

from .models import Delegation, SchoolGroup

AREA_PERMISSIONS = {
    Delegation.Area.IMAGES: [("wagtailimages", "add_image"), ("wagtailimages", "choose_image")],
    Delegation.Area.DOCUMENTS: [
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
}


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def school_workflow(school):
    """The school's approval workflow: one task, approved by the school's administrators."""
    admins = SchoolGroup.objects.get(school=school, role=Role.SITE_ADMIN).group
    name = f"{school.slug}: approval by site administrators"
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name=name)
        task.groups.set([admins])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


@transaction.atomic
def apply_delegation(delegation):
    """Create or refresh the delegation's group, permissions and workflow. Idempotent."""
    group = delegation.group
    if group is None:
        group, _ = Group.objects.get_or_create(
            name=f"{delegation.school.slug}: contributor {delegation.user_id} "
            f"on page {delegation.section_id}"
        )
        # update(), not save(): saving would re-enter this function through post_save.
        Delegation.objects.filter(pk=delegation.pk).update(group=group)
        delegation.group = group
    group.permissions.set([_permission("wagtailadmin", "access_admin")])
    GroupPagePermission.objects.filter(group=group).exclude(page=delegation.section).delete()
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=delegation.section, permission=_permission("wagtailcore", codename)
        )
    wanted = {
        _permission(app_label, codename).pk
        for area in delegation.areas
        for app_label, codename in AREA_PERMISSIONS.get(area, [])
    }
    GroupCollectionPermission.objects.filter(group=group).exclude(
        permission__in=wanted, collection=delegation.school.collection
    ).delete()
    for permission_id in wanted:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=delegation.school.collection, permission_id=permission_id
        )
    delegation.user.groups.add(group)
    WorkflowPage.objects.update_or_create(
        page=delegation.section, defaults={"workflow": school_workflow(delegation.school)}
    )


def forget_delegation(delegation):
    """After a delegation is deleted: drop its group (and so its permissions), and detach
    the approval workflow from the section when no other contributor works there."""
    if delegation.group_id:
        Group.objects.filter(pk=delegation.group_id).delete()
    section, school = delegation.section, delegation.school
    if not Delegation.objects.filter(section=section).exists():
        # Only the workflow we attached; one an administrator chose stays.
        WorkflowPage.objects.filter(page=section, workflow=school_workflow(school)).delete()
