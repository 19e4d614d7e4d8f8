"""The one rule for "publicly visible" pages, used by every channel that carries content to
people who have not signed in: outbound feeds (RSS, Atom, JSON), the news read API, portal
aggregation, the news exchange (fan-out, republishing, webhooks), the anonymous site search
and the sitemaps.

A page is publicly visible when it is
- live,
- not expired (Wagtail unpublishes expired pages on its scheduler run; until then `live` is
  still true, so the expiry date is checked here too), and
- not under a view restriction of any kind (login, password, groups) on itself or on any
  ancestor.

Restrictions are few (a handful per school) while pages are many, so the rule is one
condition on the materialised path, evaluated by the database: no per-page query."""

from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction


def restricted_paths():
    """Tree paths of every page that carries a view restriction (any kind)."""
    return set(PageViewRestriction.objects.values_list("page__path", flat=True))


def public_q(prefix=""):
    """A Q for publicly visible pages; `prefix` reaches the page through a relation, e.g.
    `public_q("page__")` on a model with a `page` foreign key."""
    now = timezone.now()
    condition = Q(**{f"{prefix}live": True}) & (
        Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": now})
    )
    for path in restricted_paths():
        condition &= ~Q(**{f"{prefix}path__startswith": path})
    return condition


def public_pages(queryset=None):
    """The publicly visible pages of `queryset` (all pages by default)."""
    queryset = Page.objects.all() if queryset is None else queryset
    return queryset.filter(public_q())


def is_publicly_visible(page):
    """The same rule for one page (two small queries at most)."""
    if not page.live:
        return False
    if page.expire_at is not None and page.expire_at <= timezone.now():
        return False
    return not any(page.path.startswith(path) for path in restricted_paths())
