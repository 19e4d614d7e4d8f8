from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "exports"
    label = "mektep_exports"
    verbose_name = _("Spreadsheet exports")
    default_auto_field = "django.db.models.BigAutoField"
