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
