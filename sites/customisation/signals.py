"""Cached anonymous pages carry the site's theme and its header/footer fragments: a change of
theme (School site settings), colours or site code must show at once, not after the page
cache's lifetime."""

from django.db.models.signals import post_save

from schools.page_cache import invalidate_site_pages


def look_changed(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata / backup restore
        return
    invalidate_site_pages(instance.site.root_page)


def connect():
    from schools.models import SchoolSiteSettings

    from .models import SiteColours, SiteCustomisation

    for model in (SchoolSiteSettings, SiteColours, SiteCustomisation):
        post_save.connect(look_changed, sender=model, dispatch_uid=f"look_changed_{model.__name__}")
