from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    label = "mektep_security"
    verbose_name = _("Security and personal data")
    default_auto_field = "django.db.models.BigAutoField"
