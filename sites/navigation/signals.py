"""Menus are rebuilt when they or the site's pages change; site admins may edit menus."""

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished, post_page_move

from plugin_api.signals import school_created
from schools.page_cache import invalidate_site_pages
from sites.pages.permissions import grant_model_permissions

from .menus import invalidate_menus_for_page, invalidate_site_menus
from .models import Menu, MenuItem

MENU_ACTIONS = ("add", "change", "delete")


@receiver(post_save, sender=Menu)
@receiver(post_delete, sender=Menu)
def menu_changed(sender, instance, **kwargs):
    invalidate_site_menus(instance.site_id)
    # Cached anonymous pages carry the menu in their HTML.
    invalidate_site_pages(instance.site.root_page)


@receiver(post_save, sender=MenuItem)
@receiver(post_delete, sender=MenuItem)
def menu_item_changed(sender, instance, **kwargs):
    menu = Menu.objects.filter(pk=instance.menu_id).select_related("site").first()
    if menu is not None:
        menu_changed(Menu, menu)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_delete, sender="wagtailcore.Page")
def page_changed(sender, instance, **kwargs):
    invalidate_menus_for_page(instance)


@receiver(school_created)
def grant_on_school_created(sender, school, **kwargs):
    grant_model_permissions(Menu, MENU_ACTIONS, schools=[school])


def grant_after_migrate(sender, **kwargs):
    grant_model_permissions(Menu, MENU_ACTIONS)


def connect_post_migrate(app_config):
    post_migrate.connect(grant_after_migrate, sender=app_config)
