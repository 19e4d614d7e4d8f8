"""ASGI entry point, for servers that speak ASGI."""

import os
import sys
from pathlib import Path

# platform/ and the repository root (sites/, search/, plugins/, themes/) on the path.
sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[2])]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mektep.settings.production")

from django.core.asgi import get_asgi_application  # noqa: E402

application = get_asgi_application()
