"""Admin entry points of sites.seo: the page's sharing image, and the page cache kept right
when the SEO settings of a site change."""

from django.db.models.signals import post_delete, post_save
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from schools.page_cache import invalidate_site_pages

from . import admin_views
from .models import PageSeo, SeoSettings


class PageImageMenuItem(PageMenuItem):
    label = _("Sharing image")
    icon_name = "image"

    @property
    def url(self):
        return reverse("sites_seo_page_image", args=[self.page.pk])

    def is_shown(self, user):
        return self.page.depth > 1 and self.page.permissions_for_user(user).can_edit()


@hooks.register("register_admin_urls")
def seo_admin_urls():
    return [
        path("seo/pages/<int:page_id>/image/", admin_views.page_image, name="sites_seo_page_image")
    ]


@hooks.register("register_page_header_buttons")
def page_image_header_button(page, user, view_name, next_url=None):
    yield PageImageMenuItem(page=page, priority=80)


@hooks.register("register_page_listing_more_buttons")
def page_image_listing_button(page, user, next_url=None):
    yield PageImageMenuItem(page=page, priority=70)


def _settings_changed(sender, instance, **kwargs):
    # Verification tags and analytics ids are in every cached page of the site.
    invalidate_site_pages(instance.site.root_page)


post_save.connect(_settings_changed, sender=SeoSettings, dispatch_uid="sites_seo_settings_saved")
post_delete.connect(
    _settings_changed, sender=SeoSettings, dispatch_uid="sites_seo_settings_deleted"
)


def _page_seo_changed(sender, instance, **kwargs):
    invalidate_site_pages(instance.page)


post_save.connect(_page_seo_changed, sender=PageSeo, dispatch_uid="sites_seo_page_seo_saved")
post_delete.connect(_page_seo_changed, sender=PageSeo, dispatch_uid="sites_seo_page_seo_deleted")
