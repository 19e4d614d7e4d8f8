from plugin_api.config import PluginConfig, PluginMetaDefaults


class DummyPluginConfig(PluginConfig):
    """A plugin that exists only to exercise the plugin contract in tests."""

    name = "tests.plugins.dummy_plugin"
    label = "dummy_plugin"
    verbose_name = "Dummy plugin"

    class PluginMeta(PluginMetaDefaults):
        titles = {"kk": "Сынақ плагині", "ru": "Тестовый плагин", "en": "Dummy plugin"}
        descriptions = {"kk": "Сынақ үшін.", "ru": "Для тестов.", "en": "For tests."}
        version = "1.0.0"
        compatibility = ">=0.1,<1"
        url_prefix = "dummy"
        default_enabled = False
        cabinet_panels = ("tests.plugins.dummy_plugin.cabinet.BadgesPanel",)
