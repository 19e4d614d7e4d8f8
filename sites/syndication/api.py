"""Read API of a site's news for pullers such as the national portal:
GET /api/news/?lang=kk&modified_since=2026-01-01T00:00:00Z&page=2&page_size=50

Ordered by modification time, so a puller remembers the newest `modified_at` it saw and asks
for what changed since."""

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .aggregation import entries_for_site
from .webhooks import entry_payload

MAX_PAGE_SIZE = 200


def _error(message):
    return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})


def _positive_int(value, default):
    if value in (None, ""):
        return default
    if not str(value).isdigit() or int(value) < 1:
        raise ValueError
    return int(value)


@require_GET
def news_list(request):
    site = getattr(request, "site", None)
    if site is None:
        raise Http404
    language = request.GET.get("lang", "")
    if language and language not in dict(settings.LANGUAGES):
        return _error(_("Unknown language “%(lang)s”.") % {"lang": language[:10]})
    entries = entries_for_site(site, language or None).select_related("site")
    since = request.GET.get("modified_since", "")
    if since:
        moment = parse_datetime(since.replace(" ", "+"))
        if moment is None:
            return _error(
                _("modified_since must be a date and time in ISO 8601, e.g. %(example)s.")
                % {"example": "2026-09-01T08:00:00+05:00"}
            )
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, timezone.get_default_timezone())
        entries = entries.filter(modified_at__gt=moment)
    try:
        page_number = _positive_int(request.GET.get("page"), 1)
        page_size = min(
            _positive_int(request.GET.get("page_size"), settings.SYNDICATION_API_PAGE_SIZE),
            MAX_PAGE_SIZE,
        )
    except ValueError:
        return _error(_("page and page_size must be positive whole numbers."))
    paginator = Paginator(entries.order_by("modified_at", "pk"), page_size)
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        return _error(_("There is no page %(page)s.") % {"page": page_number})

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return JsonResponse(
        {
            "count": paginator.count,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [entry_payload(entry, event="news") for entry in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )
