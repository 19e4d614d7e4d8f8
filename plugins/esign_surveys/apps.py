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
