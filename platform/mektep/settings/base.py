"""Settings shared by every profile.

Every environment variable is read here or in a profile module, once, typed, with a default
(none for secrets in production) and documented in README.md and .env.example.
"""

from datetime import timedelta
from pathlib import Path

import environ

# platform/mektep/settings/base.py -> repository root
BASE_DIR = Path(__file__).resolve().parents[3]
PLATFORM_DIR = BASE_DIR / "platform"
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)  # the embedded default keeps its database, outbox and queue here

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str(
    "SECRET_KEY", default="dev-only-insecure-key-change-me-0123456789-abcdefghijkl"
)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[".localhost", "localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The platform's own host: the national platform site lives here, school sites on their own
# domains (demo: <slug>.localhost).
PLATFORM_HOSTNAME = env.str("PLATFORM_HOSTNAME", default="localhost")
# The admin and account pages have a host of their own, where no school content runs
# (security.admin_host, docs/security.md); on any other host they redirect there.
ADMIN_HOSTNAME = env.str("ADMIN_HOSTNAME", default="admin.localhost")
# Hosts that also serve the admin without a redirect (the test client's `testserver`).
ADMIN_HOST_ALIASES = env.list("ADMIN_HOST_ALIASES", default=[])
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://admin.localhost:8000")
# The port every site is reached on, stored on each Wagtail Site so that absolute URLs (e-mail
# links, sitemaps, feeds, links between sites) carry it: 80 means http://host, 443 means
# https://host (Wagtail's Site.root_url), anything else http://host:port (the demo: 8000).
SITE_PORT = env.int("SITE_PORT", default=80)
WAGTAIL_SITE_NAME = "Mektep"

INSTALLED_APPS = [
    # Project apps first so that their templates and translations win.
    "accounts.apps.AccountsConfig",
    "schools.apps.SchoolsConfig",
    "plugin_api.apps.PluginApiConfig",
    "security.apps.SecurityConfig",
    "roster.apps.RosterConfig",
    # Shared services every plugin uses (docs/architecture.md): one copy each.
    "exports.apps.ExportsConfig",
    "documents.apps.DocumentsConfig",
    "charts.apps.ChartsConfig",
    "notifications.apps.NotificationsConfig",
    "eds.apps.EdsConfig",
    "sites.pages.apps.PagesConfig",
    "sites.navigation.apps.NavigationConfig",
    "sites.news.apps.NewsConfig",
    "sites.galleries.apps.GalleriesConfig",
    "sites.feedback.apps.FeedbackConfig",
    "sites.events.apps.EventsConfig",
    "sites.vacancies.apps.VacanciesConfig",
    "sites.seo.apps.SeoConfig",
    "sites.stats.apps.StatsConfig",
    "sites.notices.apps.NoticesConfig",
    "sites.syndication.apps.SyndicationConfig",
    "sites.customisation.apps.CustomisationConfig",
    "sites.adminkit.apps.AdminkitConfig",
    "search.apps.SearchConfig",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",  # lock-out after failed logins (security)
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

# In-tree plugins. Third-party plugins installed as packages announce themselves through the
# "mektep.plugins" entry-point group and are appended by plugin_api.discovery.
# In-tree plugins ship with the platform; each is still switched on per school.
IN_TREE_PLUGIN_APPS = [
    "plugins.helpdesk.apps.HelpdeskConfig",
    "plugins.esign_surveys.apps.EsignSurveysConfig",
]
PLUGIN_APPS = IN_TREE_PLUGIN_APPS + env.list("PLUGIN_APPS", default=[])
from plugin_api.discovery import entry_point_plugin_apps  # noqa: E402

INSTALLED_APPS += [
    app for app in PLUGIN_APPS + entry_point_plugin_apps() if app not in INSTALLED_APPS
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "schools.middleware.SiteResolutionMiddleware",
    "security.admin_host.AdminHostMiddleware",  # admin and account pages on their own host
    "schools.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "security.admin_host.AdminSiteContextMiddleware",
    "schools.admin_guard.AdminPageScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.mfa_policy.RequireMfaMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "schools.page_cache.AnonymousPageCacheMiddleware",
    # After the page cache: a cached page keeps the policy (and nonce) it was rendered with.
    "security.middleware.ContentSecurityPolicyMiddleware",
    "security.sessions.DeviceCookieMiddleware",
    "plugin_api.middleware.PluginSiteGateMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lock-out into its response
]

ROOT_URLCONF = "mektep.urls"
WSGI_APPLICATION = "mektep.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PLATFORM_DIR / "templates"],
        "OPTIONS": {
            # The site's theme first, then the default theme (schools.themes), then the
            # platform's and the apps' own templates.
            "loaders": [
                "schools.themes.ThemeLoader",
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                ),
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "schools.context_processors.school",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="mektep"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "mektep_accounts.User"
AUTHENTICATION_BACKENDS = [
    "security.backends.LockoutBackend",  # first: refuses locked-out accounts and addresses
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Django's rules with the platform's kk/ru/en messages, and a length cap against hash DoS.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "security.password_validation.MaximumLengthValidator"},
    {
        "NAME": "security.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "first_name", "last_name")},
    },
    {
        "NAME": "security.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "security.password_validation.CommonPasswordValidator"},
    {"NAME": "security.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# One login for the admin too: allauth's, which asks for the second factor (issue 24;
# accounts.login_paths replaces Wagtail's password-only /admin/login/).
WAGTAILADMIN_LOGIN_URL = "account_login"

# django-allauth: e-mail is the login; one account works on every school site.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/h/ip,5/h/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Mektep"

LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", "Қазақша"),
    ("ru", "Русский"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Almaty")

# Each area of the project keeps its own catalogues under locale/<area>/ so that
# `make translations` can extract them independently; earlier entries win, and all of them
# win over the packages' own catalogues (locale/vendor supplies Kazakh for Wagtail,
# wagtail-localize, allauth and django-helpdesk).
# One catalogue per area so that work on one app never rewrites another's: the whole of
# platform/, search/ and themes/, and each app of sites/ and plugins/ on its own
# (locale/sites/news/, locale/plugins/helpdesk/, ...).
LOCALE_AREAS = ["platform", "search", "themes"] + sorted(
    f"{top}/{app.name}"
    for top in ("sites", "plugins")
    for app in (BASE_DIR / top).iterdir()
    if (app / "__init__.py").exists()
)
LOCALE_PATHS = [BASE_DIR / "locale" / area for area in LOCALE_AREAS] + [
    BASE_DIR / "locale" / "vendor"
]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
# Each theme serves its own static files (fonts and scripts included: no CDN at run time).
STATICFILES_DIRS = sorted((BASE_DIR / "themes").glob("*/static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "security.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = Path(env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "outbox")))
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Mektep <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis in production; without REDIS_URL the embedded default uses kombu's
# filesystem transport, so a real worker and beat run with no external broker.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {}
)
if CELERY_BROKER_URL.startswith("filesystem"):
    for folder in CELERY_BROKER_TRANSPORT_OPTIONS.values():
        if isinstance(folder, str):
            Path(folder).mkdir(parents=True, exist_ok=True)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# Tasks are written to be idempotent, so a task is acknowledged only after it ran: a worker
# killed mid-task leaves the message for the next worker.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "nightly-backup": {"task": "schools.tasks.nightly_backup", "schedule": 24 * 60 * 60.0},
}
# Platform backups (schools.backups): where archives go and how many nightly ones are kept.
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))
BACKUP_KEEP = env.int("BACKUP_KEEP", default=7)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Search: the database backend is the embedded default; search/ switches to Elasticsearch
# when ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default="mektep-dev")
SCHOOL_HOME_PAGE_MODEL = "sites_pages.SchoolHomePage"
PORTAL_HOME_PAGE_MODEL = "sites_pages.PortalHomePage"
PLATFORM_HOME_PAGE_MODEL = "sites_pages.PlatformHomePage"
# Wagtail's database backend, with FTS5-safe terms on SQLite (search.backends.wagtail_database).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.wagtail_database"}}

WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILADMIN_USER_LOGIN_FORM = "wagtail.admin.forms.auth.LoginForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 12)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

# Anonymous pages are cached per site and language for this long; publishing invalidates.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

# Default disk quota per school site; a site's own setting overrides it.
SCHOOL_DEFAULT_QUOTA_BYTES = env.int("SCHOOL_DEFAULT_QUOTA_BYTES", default=1024**3)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}


# SQLite cannot enforce UNIQUE ... NULLS NOT DISTINCT on role assignments; PostgreSQL, the
# production database, does, and the code uses get_or_create for them anyway.
SILENCED_SYSTEM_CHECKS = ["models.W047"]

# --- syndication (sites.syndication) ---
# Inbound feeds: per-request limits, so one bad feed costs a bounded amount of time and memory.
SYNDICATION_FETCH_MAX_BYTES = 10 * 1024 * 1024
SYNDICATION_FETCH_TIMEOUTS = (5, 20)  # connect, read (seconds)
SYNDICATION_FETCH_DEADLINE = 60  # whole download, seconds
SYNDICATION_FETCH_MAX_REDIRECTS = 5
# Feed and webhook addresses in loopback/private networks are refused (tests allow them).
SYNDICATION_ALLOW_PRIVATE_ADDRESSES = False
SYNDICATION_MAX_BACKOFF_MINUTES = 24 * 60
SYNDICATION_ITEM_MAX_CHARS = 200_000
SYNDICATION_USER_AGENT = "Mektep news exchange (+https://mektep.kz)"
SYNDICATION_FEED_ITEMS = 30  # items per outbound feed
SYNDICATION_API_PAGE_SIZE = 50
CELERY_BEAT_SCHEDULE["syndication-fetch-due-feeds"] = {
    "task": "sites.syndication.tasks.fetch_due_feeds",
    "schedule": 300.0,
}

# --- esign_surveys ---
# Trust is pinned by SHA-256 fingerprints (never by name); the CA certificate files give the
# NCA intermediates/roots to build paths with. Revocation data is fetched by a Celery task.
ESIGN_SURVEYS_TRUSTED_ROOT_SHA256 = env.list("ESIGN_SURVEYS_TRUSTED_ROOT_SHA256", default=[])
ESIGN_SURVEYS_CA_CERTIFICATES = env.list("ESIGN_SURVEYS_CA_CERTIFICATES", default=[])
ESIGN_SURVEYS_TRUSTED_TSA_ROOT_SHA256 = env.list(
    "ESIGN_SURVEYS_TRUSTED_TSA_ROOT_SHA256", default=[]
)
ESIGN_SURVEYS_TSA_CERTIFICATES = env.list("ESIGN_SURVEYS_TSA_CERTIFICATES", default=[])
ESIGN_SURVEYS_CRL_URLS = env.list("ESIGN_SURVEYS_CRL_URLS", default=[])
ESIGN_SURVEYS_REQUIRE_TIMESTAMP = env.bool("ESIGN_SURVEYS_REQUIRE_TIMESTAMP", default=False)
ESIGN_SURVEYS_CHALLENGE_SECONDS = env.int("ESIGN_SURVEYS_CHALLENGE_SECONDS", default=900)
ESIGN_SURVEYS_MAX_CMS_BYTES = 2 * 1024 * 1024
ESIGN_SURVEYS_NCALAYER_URL = env.str("ESIGN_SURVEYS_NCALAYER_URL", default="wss://127.0.0.1:13579/")
# The organisation certificate and key that seal receipts (PAdES), and the TSA it stamps with.
ESIGN_SURVEYS_SEAL_CERTIFICATE = env.str("ESIGN_SURVEYS_SEAL_CERTIFICATE", default="")
ESIGN_SURVEYS_SEAL_KEY = env.str("ESIGN_SURVEYS_SEAL_KEY", default="")
ESIGN_SURVEYS_SEAL_KEY_PASSPHRASE = env.str("ESIGN_SURVEYS_SEAL_KEY_PASSPHRASE", default="")
ESIGN_SURVEYS_SEAL_CHAIN = env.list("ESIGN_SURVEYS_SEAL_CHAIN", default=[])
ESIGN_SURVEYS_SEAL_TSA_URL = env.str("ESIGN_SURVEYS_SEAL_TSA_URL", default="")
CELERY_BEAT_SCHEDULE["esign-surveys-revocation"] = {
    "task": "plugins.esign_surveys.tasks.refresh_revocation",
    "schedule": 60 * 60,
}


# --- security ---
from csp.constants import NONCE  # noqa: E402

# django-axes (security.lockout): after 5 failures an account is locked *from that client
# address* (never platform-wide, never for everyone behind a school's NAT) for
# SECURITY_LOCKOUT_BASE, doubling with each further failure up to SECURITY_LOCKOUT_MAX;
# failures are remembered for AXES_COOLOFF_TIME. Platform admins unlock in Settings >
# Sign-in lock-outs.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(hours=24)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "security.lockout.BackoffHandler"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
SECURITY_LOCKOUT_BASE = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
SECURITY_LOCKOUT_MAX = timedelta(hours=24)
AXES_USERNAME_CALLABLE = "security.lockout.login_of"
AXES_LOCKOUT_CALLABLE = "security.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False  # the Wagtail admin view replaces Django admin's
# Behind the production proxy the client address is the first X-Forwarded-For entry set by
# the proxy; the number of proxies is a deployment setting.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
# Per-address ceilings are generous: a whole school signs in from one NAT address. Failed
# logins per account are axes' job (per account and address, above), not a key-wide limit.
ACCOUNT_RATE_LIMITS = {
    **ACCOUNT_RATE_LIMITS,
    "login_failed": "100/10m/ip",
    "signup": "100/h/ip",
    "login": "300/m/ip",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}

# Content-Security-Policy (django-csp 4). Public pages: own origin plus the nonce; the
# embed providers that editors may use; analytics origins the SEO settings allow.
SECURITY_EMBED_ORIGINS = env.list(
    "SECURITY_EMBED_ORIGINS",
    default=[
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://yandex.ru",
        "https://yandex.kz",
        "https://www.google.com",
        "https://maps.google.com",
        "https://2gis.kz",
        "https://www.openstreetmap.org",
    ],
)
SECURITY_SCRIPT_ORIGINS = env.list("SECURITY_SCRIPT_ORIGINS", default=[])
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE, *SECURITY_SCRIPT_ORIGINS],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:", "https:"],
        "media-src": ["'self'", "https:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", *SECURITY_SCRIPT_ORIGINS],
        "frame-src": ["'self'", *SECURITY_EMBED_ORIGINS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# The Wagtail admin (docs/security.md). script-src is added per request by
# security.middleware: the static files and the admin's URLs only, never inline.
SECURITY_ADMIN_CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    # jquery.Jcrop (image cropping) probes touch support with the attribute
    # ontouchstart="return;": that exact handler, which does nothing, and no other.
    "script-src-attr": ["'unsafe-hashes'", "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"],
    # No style attributes; <style> elements inline only because Draftail (the rich text
    # editor) adds its own at run time, without a nonce.
    "style-src": ["'self'"],
    "style-src-elem": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", *SECURITY_EMBED_ORIGINS],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
SECURITY_PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "bluetooth": [],
    "magnetometer": [],
    "gyroscope": [],
    "accelerometer": [],
    "browsing-topics": [],
    "fullscreen": ["self", *(f'"{origin}"' for origin in SECURITY_EMBED_ORIGINS)],
}
SESSION_COOKIE_HTTPONLY = True
# Host-only cookies (no Domain attribute): a school site's session never reaches the admin
# host, nor one school's another's (security.admin_host).
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin JavaScript reads the token
# No Gravatar: it would send a hash of every admin's e-mail to a third party (and break CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
SECURITY_TXT_CONTACTS = env.list("SECURITY_TXT_CONTACTS", default=["mailto:security@localhost"])
SECURITY_TXT_POLICY_URL = env.str("SECURITY_TXT_POLICY_URL", default="")

# Uploads: checked by content (security.uploads) and against the site's disk quota.
WAGTAILIMAGES_IMAGE_FORM_BASE = "security.forms.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "security.forms.SafeDocumentForm"
# Only images open in the browser; every other document downloads (with nosniff and a
# sandboxing CSP from security.middleware).
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"]
# Served documents and every file under /media/ (dev server; production's web server sets the
# same headers, docs/deployment.md) run nothing: sandboxed, nosniff, attachments.
SECURITY_SANDBOX_PATH_PREFIXES = ["/documents/", MEDIA_URL]
# Wagtail documents (which may sit in restricted collections) are stored under the private
# root and reach visitors only through Wagtail's permission-checked serve view
# (WAGTAILDOCS_SERVE_METHOD); apps add their prefixes with security.storage.
SECURITY_PRIVATE_MEDIA_PREFIXES = ["documents/"]
SECURITY_PRIVATE_MEDIA_ROOT = Path(
    env.str("SECURITY_PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
)
SECURITY_ZIP_MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
SECURITY_ZIP_MAX_RATIO = 100

# Personal data: how long technical records are kept, the grace period of deletion requests.
SECURITY_RETENTION_DAYS = {
    "login_attempts": env.int("SECURITY_RETENTION_LOGIN_ATTEMPTS_DAYS", default=90),
    "access_log": env.int("SECURITY_RETENTION_ACCESS_LOG_DAYS", default=365 * 3),
}
SECURITY_DELETION_GRACE_DAYS = env.int("SECURITY_DELETION_GRACE_DAYS", default=14)
CELERY_BEAT_SCHEDULE["security-retention"] = {
    "task": "security.apply_retention",
    "schedule": 60 * 60 * 24,
}
# Disk quota: the per-site counts are corrected to the real totals once a day.
CELERY_BEAT_SCHEDULE["security-recount-storage"] = {
    "task": "security.recount_storage_usage",
    "schedule": 60 * 60 * 24,
}

# --- search ---
# ELASTICSEARCH_URL and SEARCH_INDEX_PREFIX are read above. A search waits this long for
# Elasticsearch before it answers from the database instead.
SEARCH_ELASTICSEARCH_TIMEOUT = env.float("SEARCH_ELASTICSEARCH_TIMEOUT", default=3.0)
SEARCH_RESULTS_PER_PAGE = 10

# --- sites.pages / sites.galleries (content blocks, embeds) ---
# Embedded videos: oEmbed look-ups give up after this many seconds, and a failed look-up is
# retried only after EMBED_FAILURE_RETRY_SECONDS; the page shows a link meanwhile.
WAGTAILEMBEDS_FINDERS = [{"class": "sites.pages.embeds.TimeoutOEmbedFinder"}]
EMBED_FETCH_TIMEOUT = env.float("EMBED_FETCH_TIMEOUT", default=5.0)
EMBED_FAILURE_RETRY_SECONDS = 600

# --- sites.seo, sites.stats, sites.notices ---
from celery.schedules import crontab  # noqa: E402

# Weather widget: an Open-Meteo style "current weather" endpoint (latitude/longitude query).
WEATHER_PROVIDER_URL = env.str(
    "WEATHER_PROVIDER_URL", default="https://api.open-meteo.com/v1/forecast"
)
WEATHER_TIMEOUT_SECONDS = env.float("WEATHER_TIMEOUT_SECONDS", default=2.0)
WEATHER_CACHE_SECONDS = env.int("WEATHER_CACHE_SECONDS", default=1800)
# After a failed fetch the widget stays empty this long instead of asking again on every page.
WEATHER_ERROR_CACHE_SECONDS = env.int("WEATHER_ERROR_CACHE_SECONDS", default=300)
# Maintenance banners show from this many hours before the window starts.
MAINTENANCE_NOTICE_HOURS = env.int("MAINTENANCE_NOTICE_HOURS", default=24)
CELERY_BEAT_SCHEDULE.update(
    {
        "stats-aggregate-nightly": {
            "task": "sites.stats.aggregate",
            "schedule": crontab(hour=0, minute=20),
        },
        "notices-announce-maintenance": {
            "task": "sites.notices.announce_maintenance",
            "schedule": 300.0,
        },
    }
)
# sites.seo: inside the CSP middleware, add the analytics origins of sites that set their ids.
if "security.middleware.ContentSecurityPolicyMiddleware" in MIDDLEWARE:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("security.middleware.ContentSecurityPolicyMiddleware") + 1,
        "sites.seo.middleware.AnalyticsCspMiddleware",
    )

# --- helpdesk ---
# django-helpdesk is the ticket engine (its models: Queue, Ticket, FollowUp, KB, PreSetReply);
# plugins/helpdesk adds the platform user and school link, SLA, ratings, reports and its own
# tenancy-aware views. django-helpdesk's own URLs are not mounted (its views key tickets on
# e-mail addresses and are not scoped per school). django_cleanup is not installed as an app:
# it would delete files of every model in the project (Wagtail images included) on change.
INSTALLED_APPS += ["helpdesk", "rest_framework"]
HELPDESK_TEAMS_MODE_ENABLED = False  # pinax-teams is not installed
HELPDESK_KB_ENABLED = True
HELPDESK_SUBMIT_A_TICKET_PUBLIC = False
HELPDESK_ANON_ACCESS_RAISES_404 = True
HELPDESK_ENABLE_PER_QUEUE_STAFF_PERMISSION = True
HELPDESK_EMAIL_FALLBACK_LOCALE = "ru"
HELPDESK_MAX_ATTACHMENT_BYTES = 10 * 1024**2
HELPDESK_MAX_MESSAGE_CHARS = 20_000
HELPDESK_VALID_EXTENSIONS = [
    ".txt", ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp",
    ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".csv",
]  # fmt: skip
# SLA clocks run in each queue's business hours (QueueProfile, local time, TIME_ZONE).
HELPDESK_SLA_WARNING_SHARE = 0.8  # warn when 80 % of a target's business time has passed
# Rating links stay valid this long after the ticket is resolved.
HELPDESK_RATING_LINK_MAX_AGE = 60 * 60 * 24 * 30
CELERY_BEAT_SCHEDULE["helpdesk-sla-check"] = {
    "task": "plugins.helpdesk.tasks.check_sla",
    "schedule": 300.0,
}
CELERY_BEAT_SCHEDULE["helpdesk-mailbox-intake"] = {
    "task": "plugins.helpdesk.tasks.poll_mailboxes",
    "schedule": 300.0,
}

# --- translations (vendor catalogues, formats) ---
# Kazakh date/number formats: Django ships none for kk (ru uses Django's own).
FORMAT_MODULE_PATH = ["mektep.formats"]
