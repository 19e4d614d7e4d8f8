from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    label = "mektep_notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"
