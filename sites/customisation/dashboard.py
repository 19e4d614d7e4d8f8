"""The school's site at a glance on the Wagtail dashboard: recent edits, comments and feedback
waiting, disk quota and visits of the last 30 days. Each part reads another app's models or
public functions and is left out when that app is not installed."""

import datetime

from django.apps import apps
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.models import Page

from schools.tenancy import sites_for_user


class SiteAtAGlancePanel(Component):
    name = "site_at_a_glance"
    template_name = "sites_customisation/dashboard_panel.html"
    order = 50

    def __init__(self, site):
        self.site = site

    def get_context_data(self, parent_context=None):
        site = self.site
        context = {"site": site}
        context["recent_edits"] = (
            Page.objects.descendant_of(site.root_page, inclusive=True)
            .filter(latest_revision_created_at__isnull=False)
            .order_by("-latest_revision_created_at")[:5]
        )
        if apps.is_installed("sites.news"):
            from sites.news.comments import CommentStatus, NewsComment

            context["comments_waiting"] = NewsComment.objects.filter(
                site=site, status=CommentStatus.PENDING
            ).count()
        if apps.is_installed("sites.feedback"):
            from sites.feedback.models import FeedbackSubmission, SubmissionStatus

            context["feedback_waiting"] = FeedbackSubmission.objects.filter(
                site=site, status=SubmissionStatus.NEW
            ).count()
        from schools.models import SchoolSiteSettings

        quota = SchoolSiteSettings.for_site(site).quota_bytes
        used = None
        try:  # security.quota belongs to the security engineer and may not exist yet
            from security.quota import usage_bytes

            used = usage_bytes(site)
        except ImportError:
            pass
        if quota and used is not None:
            context["quota"] = {
                "used": used,
                "total": quota,
                "percent": min(100, round(100 * used / quota)),
            }
        if apps.is_installed("sites.stats"):
            from sites.stats.aggregation import live_summary
            from sites.stats.charts import day_chart
            from sites.stats.models import DailyStats

            today = timezone.localdate()
            since = today - datetime.timedelta(days=29)
            stored = {
                day: (views, visitors)
                for day, views, visitors in DailyStats.objects.filter(
                    site=site, day__gte=since, day__lt=today
                ).values_list("day", "views", "visitors")
            }
            # Today from the hits as they come (the counters are made overnight).
            now = live_summary(site, today)
            stored[today] = (now["views"], now["visitors"])
            days = (since + datetime.timedelta(days=n) for n in range(30))
            rows = [(day, *stored.get(day, (0, 0))) for day in days]
            context["views_today"] = now["views"]
            context["chart"] = day_chart(rows)
        return context


def panels_for(request):
    sites = sites_for_user(request.user)
    return [SiteAtAGlancePanel(site) for site in sites[:3]]
