from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    name = "sites.vacancies"
    label = "sites_vacancies"
    verbose_name = _("Vacancies")
    default_auto_field = "django.db.models.BigAutoField"
