"""Admin menu items and viewsets of a plugin disappear on sites where it is disabled.

The admin's site is the one its host resolves to (a school admin works on their school's
domain), as Wagtail's own site-aware views do."""

from wagtail.admin.menu import MenuItem
from wagtail.models import Site

from .registry import plugin_registry


def plugin_shown_in_admin(plugin_label, request):
    site = getattr(request, "site", None) or Site.find_for_request(request)
    return plugin_registry.is_enabled(plugin_label, site, getattr(request, "site_settings", None))


class PluginMenuItem(MenuItem):
    def __init__(self, *args, plugin_label, **kwargs):
        self.plugin_label = plugin_label
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return plugin_shown_in_admin(self.plugin_label, request) and super().is_shown(request)


class PluginViewSetMixin:
    """Mix into a plugin's Wagtail ViewSet: its menu item is hidden where the plugin is off.
    Set `plugin_label` on the viewset."""

    plugin_label = None

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order=order)
        label = self.plugin_label
        original_is_shown = item.is_shown

        def is_shown(request):
            return plugin_shown_in_admin(label, request) and original_is_shown(request)

        item.is_shown = is_shown
        return item
