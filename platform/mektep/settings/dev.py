"""The embedded default: SQLite, database search, a file cache in var/cache (Redis when REDIS_URL
is set), filesystem Celery broker, e-mail saved to var/outbox. Needs no external service."""

from .base import *  # noqa: F403
from .base import REDIS_URL, VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)

# `make run` serves every site on :8000, so the sites' stored port (and every absolute URL) is
# 8000 unless SITE_PORT says otherwise.
SITE_PORT = env.int("SITE_PORT", default=8000)
if not REDIS_URL:
    # One cache for every process (server, Celery worker, management commands): a school made
    # by `school_create` or a page published from the worker is seen at once by the server. A
    # per-process memory cache would keep the old host list and site data for minutes.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.str("CACHE_DIR", default=str(VAR_DIR / "cache")),
            # Culling could drop the version keys (stored without expiry) that name what is fresh.
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        }
    }
