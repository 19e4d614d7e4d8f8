from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpdeskConfig(AppConfig):
    name = "plugins.helpdesk"
    label = "mektep_helpdesk"
    verbose_name = _("Helpdesk")
    default_auto_field = "django.db.models.BigAutoField"
