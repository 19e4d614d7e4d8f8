from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EsignSurveysConfig(AppConfig):
    name = "plugins.esign_surveys"
    label = "esign_surveys"
    verbose_name = _("E-signed surveys")
    default_auto_field = "django.db.models.BigAutoField"
