"""WSGI entry point (gunicorn mektep.wsgi with platform/ on the Python path)."""

import os
import sys
from pathlib import Path

# platform/ and the repository root (sites/, search/, plugins/, themes/) on the path.
sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[2])]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mektep.settings.production")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
