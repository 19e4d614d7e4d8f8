"""Keep the served-hostname cache and the anonymous page cache in step with the content."""

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import site_data
from .hosts import forget_served_hostnames
from .page_cache import invalidate_site_pages

# Cached site data (site_data.py) goes stale when a row it was built from changes.
post_save.connect(site_data.model_changed, dispatch_uid="site_data_saved")
post_delete.connect(site_data.model_changed, dispatch_uid="site_data_deleted")


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def site_changed(sender, **kwargs):
    forget_served_hostnames()
    invalidate_site_pages()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, instance, **kwargs):
    invalidate_site_pages(instance)


@receiver(post_save, sender="mektep_schools.Delegation")
def delegation_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata / backup restore: the archive carries the groups already
        return
    from .delegation import apply_delegation

    apply_delegation(instance)


@receiver(post_delete, sender="mektep_schools.Delegation")
def delegation_deleted(sender, instance, **kwargs):
    from .delegation import forget_delegation

    forget_delegation(instance)


@receiver(post_migrate)
def grant_new_site_settings(sender, app_config=None, **kwargs):
    """A site-setting model added after a school was provisioned becomes editable by that
    school's administrators on the next migrate (provisioning grants it to new schools)."""
    if app_config is None or app_config.label != "mektep_schools":
        return
    from .provisioning import grant_site_settings_permissions

    grant_site_settings_permissions()
