"""The Celery application. Tasks live in each app's tasks.py and are discovered from
INSTALLED_APPS; the broker is Redis in production and the filesystem in the embedded default."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mektep.settings.dev")

app = Celery("mektep")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
