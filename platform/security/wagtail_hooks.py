"""Admin integration: lock-out and access-log views for platform admins, the disk usage
panel on the dashboard, and the labels of the security actions in the audit log."""

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views
from .quota import usage_summary


class PlatformAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def security_admin_urls():
    return [
        path("security/lockouts/", admin_views.lockouts, name="security_lockouts"),
        path(
            "security/lockouts/unlock/",
            admin_views.lockouts_unlock,
            name="security_lockouts_unlock",
        ),
        path("security/access-log/", admin_views.access_log, name="security_access_log"),
    ]


@hooks.register("insert_global_admin_js")
def admin_init_script():
    # Starts the widgets that Wagtail would start with inline scripts (security.admin_csp).
    return format_html('<script src="{}"></script>', static("security/admin-init.js"))


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return PlatformAdminMenuItem(
        _("Sign-in lock-outs"), reverse("security_lockouts"), icon_name="lock", order=900
    )


@hooks.register("register_settings_menu_item")
def access_log_menu_item():
    return PlatformAdminMenuItem(
        _("Access log"), reverse("security_access_log"), icon_name="history", order=901
    )


@hooks.register("register_log_actions")
def security_log_actions(actions):
    actions.register_action(
        "mektep.security.unlock", _("Unlock sign-in"), _("Sign-in lock-out removed")
    )
    actions.register_action(
        "mektep.security.logout_everywhere",
        _("Log out everywhere"),
        _("Logged out on every device"),
    )
    actions.register_action(
        "mektep.security.deletion_requested",
        _("Deletion request"),
        _("Asked for the account to be deleted"),
    )


class DiskUsagePanel(Component):
    name = "disk_usage"
    order = 150

    def __init__(self, summaries):
        self.summaries = summaries

    def render_html(self, parent_context=None):
        return render_to_string(
            "security/admin/disk_usage_panel.html", {"summaries": self.summaries}
        )


@hooks.register("construct_homepage_panels")
def disk_usage_panel(request, panels):
    from schools.models import School
    from schools.tenancy import sites_for_user

    sites = (
        sites_for_user(request.user)
        .filter(pk__in=School.objects.values("site"))
        .order_by("hostname")
    )
    if request.user.is_superuser:
        # Everyone's bar would be a report, not a panel: the current site's only.
        current = getattr(request, "site", None)
        sites = sites.filter(pk=getattr(current, "pk", None))
    summaries = [usage_summary(site) for site in sites[:10]]
    if summaries:
        panels.append(DiskUsagePanel(summaries))
