from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    name = "sites.seo"
    label = "sites_seo"
    verbose_name = _("Search engines and analytics")
    default_auto_field = "django.db.models.BigAutoField"
