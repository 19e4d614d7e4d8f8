"""StreamField blocks that plugins contribute to content pages (PluginMeta.page_blocks).

The core never imports a plugin by name: sites.pages asks this module for the blocks of the
installed plugins when it defines its body block. Blocks are part of the page models'
migrations, so installing a plugin with page blocks needs `makemigrations sites_pages`."""

from django.apps import apps
from django.utils.module_loading import import_string


def plugin_page_blocks():
    contributed = []
    for config in apps.get_app_configs():
        meta = getattr(config, "PluginMeta", None)
        for name, path in getattr(meta, "page_blocks", ()):
            contributed.append((name, import_string(path)()))
    return contributed
