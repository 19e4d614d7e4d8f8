from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminkitConfig(AppConfig):
    """Pieces shared by the apps whose records come from public forms (feedback, event
    applications): the spam-protected form and the admin's CSV/XLSX export."""

    name = "sites.adminkit"
    label = "adminkit"
    verbose_name = _("Public forms and exports")
