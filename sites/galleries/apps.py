from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleriesConfig(AppConfig):
    name = "sites.galleries"
    label = "sites_galleries"
    verbose_name = _("Galleries")
    default_auto_field = "django.db.models.BigAutoField"
