"""The registry of installed plugins and their per-site enablement."""

from django.core.exceptions import ImproperlyConfigured


class PluginRegistry:
    def __init__(self):
        self._plugins = {}

    def register(self, config):
        prefix = config.PluginMeta.url_prefix
        for other in self._plugins.values():
            if prefix and other.PluginMeta.url_prefix == prefix and other.label != config.label:
                raise ImproperlyConfigured(
                    f"Plugin '{config.label}' uses the URL prefix '{prefix}' of plugin "
                    f"'{other.label}' (fix: choose another PluginMeta.url_prefix)."
                )
        self._plugins[config.label] = config

    def unregister(self, label):
        self._plugins.pop(label, None)

    def all(self):
        return sorted(self._plugins.values(), key=lambda p: p.label)

    def get(self, label):
        return self._plugins.get(label)

    def __contains__(self, label):
        return label in self._plugins

    def is_enabled(self, label, site, site_settings=None):
        """Whether the plugin is switched on for the site: the site's choice, or the plugin's
        default when the site never chose. Pass the site's settings when they are at hand
        (request.site_settings) to save a query."""
        plugin = self._plugins.get(label)
        if plugin is None or site is None:
            return False
        if site_settings is None:
            from schools.models import SchoolSiteSettings

            site_settings = SchoolSiteSettings.for_site(site)
        states = site_settings.plugin_states or {}
        return bool(states.get(label, plugin.PluginMeta.default_enabled))

    def is_enabled_for_request(self, label, request):
        site = getattr(request, "site", None)
        return self.is_enabled(label, site, getattr(request, "site_settings", None))

    def enabled_for_site(self, site):
        return [p for p in self.all() if self.is_enabled(p.label, site)]


plugin_registry = PluginRegistry()
