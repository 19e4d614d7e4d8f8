"""The embedded default: SQLite, database search, local-memory cache, filesystem Celery broker,
e-mail saved to var/outbox. Needs no external service."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
