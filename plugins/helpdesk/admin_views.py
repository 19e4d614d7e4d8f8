"""Wagtail admin for the helpdesk's settings: SLA targets and canned answers of a school's
queue, scoped like every per-site admin (schools.tenancy: a school admin reaches only their
school's rows; the platform queue's rows are the superusers'), and the knowledge base."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from helpdesk.models import KBItem

from plugin_api.admin_menu import PluginViewSetMixin
from schools.tenancy import SiteScopedViewSetMixin, sites_for_user

from .models import (
    LANGUAGE_CHOICES,
    CannedAnswer,
    Category,
    InboundMessage,
    KBItemLanguage,
    QueueProfile,
    SLAPolicy,
)


class QueueScopedForm(WagtailAdminModelForm):
    """The queue field offers only the queues of the user's sites."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None and "queue" in self.fields:
            queues = QueueProfile.objects.select_related("queue")
            if not user.is_superuser:
                queues = queues.filter(school__site__in=sites_for_user(user))
            self.fields["queue"].queryset = queues


class SLAPolicyForm(QueueScopedForm):
    class Meta:
        model = SLAPolicy
        fields = ["queue", "priority", "first_response_minutes", "resolution_minutes"]


class CannedAnswerForm(QueueScopedForm):
    class Meta:
        model = CannedAnswer
        fields = ["queue", "language", "title", "body"]


class SLAPolicyViewSet(PluginViewSetMixin, SiteScopedViewSetMixin, ModelViewSet):
    model = SLAPolicy
    form_class = SLAPolicyForm
    plugin_label = "mektep_helpdesk"
    site_field = "queue__school__site"
    icon = "time"
    menu_label = _("SLA targets")
    menu_order = 901
    add_to_admin_menu = True
    name = "helpdesk_sla"
    list_display = ["queue", "priority", "first_response_minutes", "resolution_minutes"]
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return self.form_class


class CannedAnswerViewSet(PluginViewSetMixin, SiteScopedViewSetMixin, ModelViewSet):
    model = CannedAnswer
    form_class = CannedAnswerForm
    plugin_label = "mektep_helpdesk"
    site_field = "queue__school__site"
    icon = "openquote"
    menu_label = _("Canned answers")
    menu_order = 902
    add_to_admin_menu = True
    name = "helpdesk_canned"
    list_display = ["title", "language", "queue"]
    list_filter = ["language"]
    search_fields = ["title", "body"]
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return self.form_class


class KBItemForm(WagtailAdminModelForm):
    """A knowledge-base article of django-helpdesk with its language and ticket category
    (stored in KBItemLanguage), so the ticket form suggests it in that language."""

    language = forms.ChoiceField(label=_("language"), choices=LANGUAGE_CHOICES)
    ticket_category = forms.ChoiceField(
        label=_("ticket category"), choices=[("", "—"), *Category.choices], required=False
    )

    class Meta:
        model = KBItem
        fields = ["category", "title", "question", "answer", "order", "enabled"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        info = getattr(self.instance, "language_info", None) if self.instance.pk else None
        if info is not None:
            self.initial["language"] = info.language
            self.initial["ticket_category"] = info.category

    def save(self, commit=True):
        item = super().save(commit=commit)
        if commit:
            KBItemLanguage.objects.update_or_create(
                item=item,
                defaults={
                    "language": self.cleaned_data["language"],
                    "category": self.cleaned_data["ticket_category"],
                },
            )
        return item


class KBItemViewSet(PluginViewSetMixin, ModelViewSet):
    """The platform's knowledge base (one for every school): platform administrators."""

    model = KBItem
    form_class = KBItemForm
    plugin_label = "mektep_helpdesk"
    icon = "doc-full"
    menu_label = _("Knowledge base")
    menu_order = 903
    add_to_admin_menu = True
    name = "helpdesk_kb"
    list_display = ["title", "category", "enabled"]
    search_fields = ["title", "question", "answer"]
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return self.form_class


class InboundLogPolicy(ModelPermissionPolicy):
    """The mail intake's log is read (and pruned) by platform administrators only: it is
    written by the intake, never edited."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser and action in ("view", "delete"))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class InboundMessageViewSet(PluginViewSetMixin, ModelViewSet):
    """Incoming e-mail: what the intake read from each queue's mailbox and what became of
    it, the quarantined messages with the reason and their raw text."""

    model = InboundMessage
    permission_policy = InboundLogPolicy(InboundMessage)
    plugin_label = "mektep_helpdesk"
    icon = "mail"
    menu_label = _("Incoming e-mail")
    menu_order = 904
    add_to_admin_menu = True
    name = "helpdesk_inbound"
    list_display = ["received_at", "sender", "subject", "outcome", "queue"]
    list_filter = ["outcome"]
    search_fields = ["sender", "subject", "reason", "message_key"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "received_at",
        "queue",
        "sender",
        "subject",
        "message_key",
        "outcome",
        "reason",
        "ticket",
        "answered",
        "raw",
    ]
    copy_view_enabled = False
    form_fields = ["reason"]
