"""Test profile: SQLite by default, PostgreSQL when DATABASE_URL is set, a real Redis broker
when REDIS_URL is set (tests start an in-process Celery worker on it)."""

from .base import *  # noqa: F403
from .base import BASE_DIR, REDIS_URL, env

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-0123456789-abcdefghij"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
# The test client's default host serves the admin as well; school hosts redirect to
# ADMIN_HOSTNAME as in production (tests/conftest.py: ADMIN_HOST).
ADMIN_HOST_ALIASES = ["testserver"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# Tasks run eagerly in tests; tests/platform/test_celery_worker.py runs them through a real
# Redis broker and worker when REDIS_URL is set.
CELERY_TASK_ALWAYS_EAGER = True
# A task that fails in a test fails the test, instead of vanishing into an eager result.
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
ACCOUNT_RATE_LIMITS = False
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "security.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The test plugin proves the plugin contract end to end.
INSTALLED_APPS = INSTALLED_APPS + ["tests.plugins.dummy_plugin.apps.DummyPluginConfig"]  # noqa: F405
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default="mektep-test")
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Nothing in tests reaches outside the machine: weather tests point this at a local server.
WEATHER_PROVIDER_URL = ""
# Each test process keeps its own cache: with a shared Redis cache, parallel workers (and
# their cache.clear()) would see each other's sites and cached pages.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
