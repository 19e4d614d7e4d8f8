from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RosterConfig(AppConfig):
    """The school's people: academic years, classes, students, parents and staff."""

    name = "roster"
    label = "mektep_roster"
    verbose_name = _("School roster")
    default_auto_field = "django.db.models.BigAutoField"
