from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_viewset")
def roster_viewsets():
    from .admin_views import RosterViewSetGroup

    return RosterViewSetGroup()


@hooks.register("register_admin_urls")
def roster_admin_urls():
    from . import import_views

    return [
        path("roster/import/", import_views.import_students_view, name="roster_import"),
        path(
            "roster/export/<int:school_id>/",
            import_views.export_students_view,
            name="roster_export",
        ),
    ]


class RosterImportMenuItem(MenuItem):
    def is_shown(self, request):
        from .admin_views import roster_schools

        return roster_schools(request.user).exists()


@hooks.register("register_admin_menu_item")
def roster_import_menu_item():
    return RosterImportMenuItem(
        _("Import students"), reverse("roster_import"), icon_name="upload", order=206
    )
