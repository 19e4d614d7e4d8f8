"""Mount every plugin's public URLs under its own prefix and namespace (its app label)."""

from importlib import import_module
from importlib.util import find_spec

from django.urls import include, path

from .registry import plugin_registry


def plugin_urlpatterns():
    patterns = []
    for plugin in plugin_registry.all():
        prefix = plugin.PluginMeta.url_prefix
        module_name = f"{plugin.name}.{plugin.urls_module}"
        if not prefix or find_spec(module_name) is None:
            continue
        module = import_module(module_name)
        patterns.append(path(f"{prefix}/", include((module.urlpatterns, plugin.label))))
    return patterns
