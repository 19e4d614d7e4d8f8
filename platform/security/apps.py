from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    label = "mektep_security"
    verbose_name = _("Security and personal data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        from PIL import Image

        from . import audit, checks, quota, sessions  # noqa: F401 - signal receivers and checks
        from .admin_csp import install_chooser_rendering

        # Pillow refuses images above twice this (DecompressionBombError) before decoding
        # them; uploads are held to the limit itself by security.uploads.
        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        audit.connect()
        quota.connect()
        install_chooser_rendering()
