"""Which hostnames the platform serves: the hostnames of its Wagtail Sites plus the platform's
own. The set is cached and rebuilt whenever a Site changes (schools.signals)."""

from django.conf import settings
from django.core.cache import cache

from wagtail.models import Site

HOSTS_CACHE_KEY = "mektep:served-hostnames"

# Hostnames that always reach the platform site: the configured platform host and the names
# a local server or a test client uses for it.
LOOPBACK_ALIASES = frozenset({"127.0.0.1", "[::1]", "testserver"})


def served_hostnames() -> frozenset[str]:
    hosts = cache.get(HOSTS_CACHE_KEY)
    if hosts is None:
        hosts = frozenset(h.lower() for h in Site.objects.values_list("hostname", flat=True))
        cache.set(HOSTS_CACHE_KEY, hosts, 300)
    return hosts


def forget_served_hostnames():
    cache.delete(HOSTS_CACHE_KEY)


def is_served(hostname: str) -> bool:
    hostname = hostname.lower()
    if (
        hostname == settings.PLATFORM_HOSTNAME.lower()
        or hostname == settings.ADMIN_HOSTNAME.lower()  # the admin origin (security.admin_host)
        or hostname in LOOPBACK_ALIASES
        or hostname in served_hostnames()
    ):
        return True
    # Not in the cached set: ask the database before answering "unknown host", so a school
    # created a moment ago by another process (school_create) answers at once even where the
    # cache is not shared. Unknown hosts are rare, so the query costs nothing in practice.
    if Site.objects.filter(hostname__iexact=hostname).exists():
        from . import site_data

        forget_served_hostnames()
        site_data.forget(Site)  # site data cached before the site existed is stale too
        Site.clear_site_root_paths_cache()  # and so are Wagtail's root paths (page URLs)
        return True
    return False
