"""System checks for installed plugins. Fatal misconfiguration already stops start-up in
PluginConfig.ready(); these report what a plugin should fix but can run without."""

from django.apps import apps
from django.core import checks

from .config import PluginConfig


@checks.register()
def plugin_metadata_check(app_configs, **kwargs):
    messages = []
    for config in apps.get_app_configs():
        if not isinstance(config, PluginConfig):
            continue
        meta = config.PluginMeta
        missing = [lang for lang in ("kk", "ru", "en") if not meta.descriptions.get(lang)]
        if missing:
            messages.append(
                checks.Warning(
                    f"Plugin '{config.label}' has no description in {', '.join(missing)}.",
                    hint='Add PluginMeta.descriptions = {"kk": ..., "ru": ..., "en": ...}.',
                    obj=config.name,
                    id="plugin_api.W001",
                )
            )
        if not config.name.startswith("plugins.") and config.label in ("helpdesk", "surveys"):
            messages.append(
                checks.Error(
                    f"Plugin '{config.label}' uses a label that third-party apps own.",
                    hint="Give the AppConfig an explicit, distinctive label.",
                    obj=config.name,
                    id="plugin_api.E001",
                )
            )
    return messages
