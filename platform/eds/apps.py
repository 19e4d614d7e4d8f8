from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EdsConfig(AppConfig):
    name = "eds"
    label = "mektep_eds"
    verbose_name = _("Electronic digital signature")
    default_auto_field = "django.db.models.BigAutoField"
