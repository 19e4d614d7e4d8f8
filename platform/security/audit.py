"""Wagtail's audit log extended to the platform's own models.

Pages, images, documents and snippets already write ModelLogEntry rows through Wagtail's
views. The platform's schools, role assignments and site/platform settings are changed
through custom admin views, the settings editor, commands and provisioning, which do not
log; these signal handlers write the same kind of entry (wagtail.create / wagtail.edit /
wagtail.delete) with the user of the admin request (Wagtail's LogContext) so that they
appear in Reports > Site history with everything else."""

from django.db.models.signals import post_delete, post_save

from wagtail.log_actions import log

AUDITED_MODELS = [
    "mektep_schools.School",
    "mektep_schools.SchoolSiteSettings",
    "mektep_schools.PlatformSettings",
    "mektep_schools.Region",
    "mektep_schools.District",
    "mektep_schools.Portal",
    "mektep_accounts.RoleAssignment",
    "mektep_accounts.GuardianLink",
]


def _data(instance):
    if instance._meta.label == "mektep_accounts.RoleAssignment":
        return {
            "user": instance.user.email if instance.user_id else None,
            "role": instance.role,
            "school_id": instance.school_id,
            "district_id": instance.district_id,
            "region_id": instance.region_id,
        }
    return {}


def _on_save(sender, instance, created, raw=False, **kwargs):
    if raw:  # fixtures loading
        return
    log(instance, "wagtail.create" if created else "wagtail.edit", data=_data(instance))


def _on_delete(sender, instance, **kwargs):
    log(instance, "wagtail.delete", data=_data(instance), deleted=True)


def connect():
    from django.apps import apps

    for label in AUDITED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(_on_save, sender=model, dispatch_uid=f"security.audit.save.{label}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"security.audit.delete.{label}")
