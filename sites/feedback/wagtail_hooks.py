"""Feedback in the admin: every question and answer of the admin's own sites, searchable,
filterable by status, exportable as CSV and XLSX, answered in the edit view."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from schools.tenancy import SiteScopedViewSetMixin
from sites.adminkit.panels import read_only_panel

from .admin_views import SubmissionEditView, SubmissionIndexView
from .models import FeedbackSubmission


class FeedbackSubmissionViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = FeedbackSubmission
    name = "feedback"
    icon = "mail"
    menu_label = _("Feedback")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    # Questions and answers stay: school admins read and answer, never add or delete.
    scoped_actions = ("view", "change")
    index_view_class = SubmissionIndexView
    edit_view_class = SubmissionEditView
    list_filter = ["status"]
    search_fields = ["name", "email", "phone", "topic", "message", "answer"]
    list_display = [
        Column("name", label=_("name")),
        Column("email", label=_("e-mail")),
        Column("topic", label=_("topic")),
        Column("get_status_display", label=_("status")),
        DateColumn("created_at", label=_("received at")),
        DateColumn("answered_at", label=_("answered at")),
    ]
    list_export = [
        "created_at",
        "name",
        "email",
        "phone",
        "topic",
        "message",
        "language",
        "status",
        "answer",
        "answered_at",
    ]
    export_filename = "feedback"
    inspect_view_fields = [*list_export, "answered_by", "answer_sent_at"]
    panels = [
        read_only_panel(
            "name", "email", "phone", "topic", "message", "language", heading=_("Question")
        ),
        FieldPanel("answer"),
        FieldPanel("status"),
    ]


feedback_viewset = FeedbackSubmissionViewSet()


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return feedback_viewset
