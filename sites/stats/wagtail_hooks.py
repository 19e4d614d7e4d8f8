from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from schools.tenancy import sites_for_user

from . import admin_views


class StatsMenuItem(MenuItem):
    def is_shown(self, request):
        return sites_for_user(request.user).exists()


@hooks.register("register_admin_urls")
def stats_admin_urls():
    return [
        path("stats/", admin_views.index, name="sites_stats_index"),
        path("stats/<int:site_id>/", admin_views.site_stats, name="sites_stats_site"),
    ]


@hooks.register("register_admin_menu_item")
def stats_menu_item():
    return StatsMenuItem(
        _("Visit statistics"), reverse("sites_stats_index"), icon_name="table", order=850
    )
