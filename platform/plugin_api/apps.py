from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PluginApiConfig(AppConfig):
    name = "plugin_api"
    label = "plugin_api"
    verbose_name = _("Plugins")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
