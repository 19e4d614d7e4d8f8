"""Branding cache invalidation and the site admins' permission on the branding setting."""

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from wagtail.images import get_image_model

from plugin_api.signals import school_created
from schools.page_cache import invalidate_site_pages

from .branding import forget_branding
from .models import SiteBranding
from .permissions import grant_site_setting


def _branding_changed(site):
    forget_branding(site.pk)
    # Cached anonymous pages carry the old logo in their HTML.
    invalidate_site_pages(site.root_page)


@receiver(post_save, sender=SiteBranding)
@receiver(post_delete, sender=SiteBranding)
def branding_saved(sender, instance, **kwargs):
    _branding_changed(instance.site)


@receiver(post_save, sender=get_image_model())
@receiver(post_delete, sender=get_image_model())
def image_changed(sender, instance, **kwargs):
    for setting in SiteBranding.objects.filter(logo_id=instance.pk) | SiteBranding.objects.filter(
        favicon_id=instance.pk
    ):
        _branding_changed(setting.site)


@receiver(school_created)
def grant_on_school_created(sender, school, **kwargs):
    grant_site_setting(SiteBranding, schools=[school])


def grant_after_migrate(sender, **kwargs):
    grant_site_setting(SiteBranding)


def connect_post_migrate(app_config):
    post_migrate.connect(grant_after_migrate, sender=app_config)


def home_parts_changed(sender, **kwargs):
    """Any page published, unpublished, moved, saved or deleted: the home pages' cached parts
    (home_sections.home_parts) are built again on their next view."""
    from schools import site_data

    from .home_sections import PARTS_VERSION

    site_data.forget(PARTS_VERSION)


def connect_home_parts():
    from django.db.models.signals import post_delete, post_save

    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(home_parts_changed, dispatch_uid="sites_pages_home_published")
    page_unpublished.connect(home_parts_changed, dispatch_uid="sites_pages_home_unpublished")
    post_page_move.connect(home_parts_changed, dispatch_uid="sites_pages_home_moved")
    # Page subclasses send post_save/post_delete with their own class as sender; a page made
    # members-only (a view restriction) must leave the home page too.
    post_save.connect(_page_saved, dispatch_uid="sites_pages_home_saved")
    post_delete.connect(_page_saved, dispatch_uid="sites_pages_home_deleted")


def _page_saved(sender, instance=None, **kwargs):
    from wagtail.models import BaseViewRestriction, Page

    if isinstance(instance, Page | BaseViewRestriction):
        home_parts_changed(sender)
