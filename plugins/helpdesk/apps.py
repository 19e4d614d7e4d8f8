from django.utils.translation import gettext_lazy as _

from plugin_api.config import PluginConfig, PluginMetaDefaults


class HelpdeskConfig(PluginConfig):
    """Support tickets for every platform user, built on django-helpdesk (label `helpdesk`):
    this app (label `mektep_helpdesk`) links tickets to platform users and schools and adds
    school queues, SLA, executor ratings, reports and the knowledge base per language."""

    name = "plugins.helpdesk"
    label = "mektep_helpdesk"
    verbose_name = _("Helpdesk")
    default_auto_field = "django.db.models.BigAutoField"

    class PluginMeta(PluginMetaDefaults):
        titles = {"kk": "Қолдау қызметі", "ru": "Служба поддержки", "en": "Helpdesk"}
        descriptions = {
            "kk": "Платформа пайдаланушыларының өтінімдері, орындаушыларды бағалау және SLA.",
            "ru": "Заявки пользователей платформы, оценка исполнителей и SLA.",
            "en": "Support tickets of platform users, executor ratings and SLA.",
        }
        version = "0.1.0"
        compatibility = ">=0.1,<1"
        icon = "help"
        url_prefix = "support"
        roles = ("support_agent", "site_admin")
        # Every registered user may ask for support: on unless a school switches it off.
        default_enabled = True

    def ready(self):
        super().ready()
        from . import signals

        signals.connect()
        signals.register_personal_data()

        from security.storage import register_private_prefix

        from .attachments import count_attachments

        # django-helpdesk stores attachments under helpdesk/attachments/ through the default
        # storage: kept under the private root, served only by desk.attachment (issue 24).
        register_private_prefix("helpdesk/attachments/")
        count_attachments()
