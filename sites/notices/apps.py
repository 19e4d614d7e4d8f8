from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "sites.notices"
    label = "sites_notices"
    verbose_name = _("Notices and links")
    default_auto_field = "django.db.models.BigAutoField"
