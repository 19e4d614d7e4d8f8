from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomisationConfig(AppConfig):
    name = "sites.customisation"
    label = "sites_customisation"
    verbose_name = _("Site look and customisation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
