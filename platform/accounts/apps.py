from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    label = "mektep_accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # signals: role -> group synchronisation; mfa_policy: a TOTP activation counts as
        # the session's second factor.
        from . import mfa_policy, signals  # noqa: F401
