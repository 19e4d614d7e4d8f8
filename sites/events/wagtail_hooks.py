"""Participation applications in the admin: those of the admin's own sites only, filterable
by event and status, searchable, exportable as CSV and XLSX; the status is editable."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from schools.tenancy import SiteScopedViewSetMixin
from sites.adminkit.exports import ExportIndexView
from sites.adminkit.panels import read_only_panel

from .admin_views import ApplicationEditView, ApplicationFilterSet
from .applications import EventApplication


class EventApplicationViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = EventApplication
    name = "event_applications"
    icon = "date"
    menu_label = _("Event applications")
    menu_order = 265
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    # Applications come from the site: school admins read them and change the status.
    scoped_actions = ("view", "change")
    index_view_class = ExportIndexView
    edit_view_class = ApplicationEditView
    filterset_class = ApplicationFilterSet
    search_fields = ["name", "email", "phone", "comment"]
    list_display = [
        Column("name", label=_("name")),
        Column("email", label=_("e-mail")),
        Column("event", label=_("event")),
        Column("participants", label=_("participants")),
        Column("get_status_display", label=_("status")),
        DateColumn("created_at", label=_("received at")),
    ]
    list_export = [
        "created_at",
        "event",
        "name",
        "email",
        "phone",
        "participants",
        "comment",
        "language",
        "status",
        "promoted_at",
        "cancelled_at",
    ]
    export_filename = "event-applications"
    inspect_view_fields = list_export
    panels = [
        read_only_panel(
            "name", "email", "phone", "participants", "comment", "language", heading=_("Applicant")
        ),
        FieldPanel("status"),
    ]


event_application_viewset = EventApplicationViewSet()


@hooks.register("register_admin_viewset")
def register_event_application_viewset():
    return event_application_viewset
