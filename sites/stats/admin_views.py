"""The statistics page of one site in the Wagtail admin, scoped to the sites the user
administers: another site's statistics answer 403."""

from collections import Counter
from datetime import timedelta

from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.models import Site

from schools.tenancy import sites_for_user

from .aggregation import breakdown, live_summary
from .charts import bars, day_chart
from .models import DailyBreakdown, DailyStats, PageHit
from .recording import today

PERIODS = (7, 30, 90)
TOP = 10


def index(request):
    sites = sites_for_user(request.user).order_by("site_name", "hostname")
    if len(sites) == 1:
        return redirect("sites_stats_site", sites[0].pk)
    return TemplateResponse(request, "sites_stats/admin/index.html", {"sites": sites})


def site_stats(request, site_id):
    site = get_object_or_404(Site, pk=site_id)
    if not sites_for_user(request.user).filter(pk=site.pk).exists():
        return TemplateResponse(
            request,
            "sites_stats/admin/forbidden.html",
            {"message": _("You can see the statistics of your own sites only.")},
            status=403,
        )
    try:
        period = int(request.GET.get("days", 30))
    except ValueError:
        period = 30
    period = period if period in PERIODS else 30
    current = today()
    start = current - timedelta(days=period - 1)

    stored = {
        row.day: (row.views, row.visitors)
        for row in DailyStats.objects.filter(site=site, day__gte=start, day__lt=current)
    }
    now = live_summary(site, current)
    stored[current] = (now["views"], now["visitors"])
    rows = [
        (day, *stored.get(day, (0, 0)))
        for day in (start + timedelta(days=offset) for offset in range(period))
    ]

    totals = Counter()
    for kind, value, views in (
        DailyBreakdown.objects.filter(site=site, day__gte=start, day__lt=current)
        .values_list("kind", "value")
        .annotate(total=Sum("views"))
    ):
        totals[(kind, value)] += views
    totals.update(breakdown(PageHit.objects.filter(site=site, day=current)))

    def top(kind):
        items = sorted(
            ((value, views) for (k, value), views in totals.items() if k == kind),
            key=lambda item: (-item[1], item[0]),
        )
        return bars(items[:TOP])

    kinds = DailyBreakdown.Kind
    return TemplateResponse(
        request,
        "sites_stats/admin/site.html",
        {
            "site": site,
            "period": period,
            "periods": PERIODS,
            "rows": rows,
            "chart": day_chart(rows),
            "total_views": sum(row[1] for row in rows),
            "total_visitors": sum(row[2] for row in rows),
            "top_pages": top(kinds.PATH),
            "languages": top(kinds.LANGUAGE),
            "referrers": top(kinds.REFERRER),
            "other_sites": sites_for_user(request.user).exclude(pk=site.pk)[:50],
        },
    )
