"""Data every page of a site shows and that changes rarely, kept in the cache.

Site resolution, site settings, the school, territory links, the site's customisation… cost a
query each on every page; `cached()` keeps each of them in the cache under a key that names
the models the value was built from. Saving or deleting a row of such a model bumps that
model's version (schools.signals connects `model_changed` to every save and delete), so every
cached value built from it goes stale at once, on every process, with no key scanning.

A model joins by being listed in WATCHED (labels, so that this module imports no app) or by
being a Wagtail site setting (every BaseSiteSetting is watched)."""

from django.core.cache import cache

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, Site

VERSION_KEY = "mektep:site-data-version:{label}"
DATA_KEY = "mektep:site-data:{kind}:{versions}:{parts}"
TIMEOUT = 24 * 60 * 60
_MISSING = object()

WATCHED = frozenset(
    {
        "wagtailcore.Site",
        "mektep_schools.Region",
        "mektep_schools.District",
        "mektep_schools.School",
        "mektep_schools.Portal",
        "sites_customisation.SiteCustomisation",
        "sites_notices.TerritoryLink",
        "sites_notices.MaintenanceWindow",
        "sites_news.NewsCategory",
    }
)


def _versions(labels):
    keys = [VERSION_KEY.format(label=label) for label in labels]
    found = cache.get_many(keys)
    missing = {key: 1 for key in keys if key not in found}
    if missing:
        cache.set_many(missing, None)
        found.update(missing)
    return ".".join(str(found[key]) for key in keys)


def cached(kind, models, parts, build, timeout=TIMEOUT):
    """The value `build()` returns, cached under `kind` and `parts` (e.g. the site id and
    language) until a row of one of `models` (labels or classes) changes."""
    labels = [m if isinstance(m, str) else m._meta.label for m in models]
    key = DATA_KEY.format(
        kind=kind, versions=_versions(labels), parts=":".join(str(p) for p in parts)
    )
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, timeout)
    return value


def forget(model):
    key = VERSION_KEY.format(label=model if isinstance(model, str) else model._meta.label)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, None)


def model_changed(sender, instance=None, **kwargs):
    label = sender._meta.label
    if label in WATCHED or issubclass(sender, BaseSiteSetting):
        forget(label)
    elif isinstance(instance, Page) and instance.depth is not None and instance.depth <= 2:
        # A cached Site carries its root page (slug, url_path, locale).
        forget(Site)


def site_setting(model, request):
    """`model.for_request(request)` from the cache: the setting row of the request's site,
    also stored where Wagtail's for_request and `{{ settings }}` look for it first."""
    attr = model.get_cache_attr_name()
    if hasattr(request, attr):
        return getattr(request, attr)
    site = Site.find_for_request(request)
    if site is None:
        return model.for_request(request)
    setting = cached("setting", [model], [model._meta.label, site.pk], lambda: model.for_site(site))
    setting._request = request
    setattr(request, attr, setting)
    return setting
