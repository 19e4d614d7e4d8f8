from django.utils.translation import gettext_lazy as _

from plugin_api.config import PluginConfig, PluginMetaDefaults


class EsignSurveysConfig(PluginConfig):
    name = "plugins.esign_surveys"
    label = "esign_surveys"
    verbose_name = _("E-signed surveys")
    default_auto_field = "django.db.models.BigAutoField"

    class PluginMeta(PluginMetaDefaults):
        titles = {
            "kk": "ЭЦҚ-мен қол қойылатын сауалнамалар",
            "ru": "Анкеты с подписью ЭЦП",
            "en": "E-signed surveys",
        }
        descriptions = {
            "kk": "Сауалнамалар мен дауыс берулер; жауаптарға NCALayer арқылы ЭЦҚ қойылады.",
            "ru": "Анкеты и опросы; ответы подписываются ЭЦП через NCALayer.",
            "en": "Questionnaires and polls whose answers respondents sign with their EDS.",
        }
        version = "0.1.0"
        compatibility = ">=0.1,<1"
        icon = "form"
        url_prefix = "surveys"
        roles = ("site_admin", "director", "teacher", "parent", "student")
        default_enabled = False
        page_blocks = (
            ("poll", "plugins.esign_surveys.blocks.PollBlock"),
            ("survey", "plugins.esign_surveys.blocks.SurveyBlock"),
        )

    def ready(self):
        super().ready()
        from django.db.models import Sum

        from security.quota import register_usage_source, release_on_delete
        from security.storage import register_private_prefix

        from .models import ResponseFile

        # File answers (issue 24): under the private root, served only by the admin's
        # permission-checked view, and counted in the school's disk quota.
        register_private_prefix("esign_surveys/")
        register_usage_source(
            "esign_surveys.files",
            lambda site: (
                ResponseFile.objects.filter(response__site=site).aggregate(total=Sum("size"))[
                    "total"
                ]
                or 0
            ),
        )
        release_on_delete(
            ResponseFile, site_of=lambda item: item.response.site, size_of=lambda item: item.size
        )
