"""The statistics page of one site in the Wagtail admin (its layout: header, breadcrumbs),
scoped to the sites the user administers: another site's statistics answer 403 with what to
do next."""

from collections import Counter
from datetime import timedelta

from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from schools.tenancy import sites_for_user

from .aggregation import breakdown, live_summary
from .charts import bars, day_chart
from .models import DailyBreakdown, DailyStats, PageHit
from .recording import today

PERIODS = (7, 30, 90)
TOP = 10


class StatsView(WagtailAdminTemplateMixin, TemplateView):
    """The admin's own layout: header with icon, breadcrumbs (Home > Visit statistics > site)."""

    page_title = gettext_lazy("Visit statistics")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class IndexView(StatsView):
    template_name = "sites_stats/admin/index.html"

    def get(self, request, *args, **kwargs):
        self.sites = sites_for_user(request.user).order_by("site_name", "hostname")
        if len(self.sites) == 1:
            return redirect("sites_stats_site", self.sites[0].pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "sites": self.sites}


index = IndexView.as_view()


class SiteStatsView(StatsView):
    template_name = "sites_stats/admin/site.html"

    def get_page_subtitle(self):
        return self.site.site_name or self.site.hostname

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("sites_stats_index"), "label": self.page_title},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get(self, request, site_id):
        self.site = get_object_or_404(Site, pk=site_id)
        if not sites_for_user(request.user).filter(pk=self.site.pk).exists():
            self.template_name = "sites_stats/admin/forbidden.html"
            context = self.get_context_data(
                message=_("You can see the statistics of your own sites only."),
                what_next=_(
                    "Open the statistics of a site you administer from the menu, or ask the "
                    "platform support for access to this site."
                ),
            )
            return self.render_to_response(context, status=403)
        return self.render_to_response(self.get_context_data(**self.figures(request)))

    def figures(self, request):
        site = self.site
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
        # Today is counted live from the hits: the daily counters exist for finished days only.
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
        return {
            "site": site,
            "period": period,
            "periods": PERIODS,
            "rows": rows,
            "today_views": now["views"],
            "chart": day_chart(rows),
            "total_views": sum(row[1] for row in rows),
            "total_visitors": sum(row[2] for row in rows),
            "top_pages": top(kinds.PATH),
            "languages": top(kinds.LANGUAGE),
            "referrers": top(kinds.REFERRER),
            "other_sites": sites_for_user(request.user).exclude(pk=site.pk)[:50],
        }


site_stats = SiteStatsView.as_view()
