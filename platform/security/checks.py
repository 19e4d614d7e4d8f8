"""Startup checks: private files must never be reachable under MEDIA_URL."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register()
def private_files_outside_media(app_configs, **kwargs):
    private = Path(settings.SECURITY_PRIVATE_MEDIA_ROOT).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    if private == media or media in private.parents:
        return [
            Error(
                "SECURITY_PRIVATE_MEDIA_ROOT is inside MEDIA_ROOT: private files would be "
                "served to anyone.",
                hint="Point SECURITY_PRIVATE_MEDIA_ROOT to a folder outside MEDIA_ROOT.",
                id="mektep_security.E001",
            )
        ]
    return []
