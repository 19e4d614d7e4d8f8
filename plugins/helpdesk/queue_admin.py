"""Wagtail admin screens to open or close a school's own helpdesk queue and choose the
school staff who work it as agents.

Platform administrators (superusers) reach every school; a school's administrators
(schools.tenancy, site administrator role) reach their own schools where the helpdesk is
switched on (access.queue_managed_schools). Any other school answers 404."""

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin

from . import services
from .access import STAFF_ROLES, queue_managed_schools
from .models import QueueProfile

INDEX = "mektep_helpdesk_queues:index"


def queue_state(school):
    profile = getattr(school, "helpdesk_queue", None)
    if profile is None:
        return _("Platform queue")
    return _("Own queue") if profile.is_open else _("Closed: platform queue")


class QueueIndexView(BaseListingView):
    """The schools whose queue the user manages, with the state of each queue."""

    page_title = gettext_lazy("Helpdesk queues")
    header_icon = "help"
    paginate_by = 50
    index_url_name = INDEX
    index_results_url_name = "mektep_helpdesk_queues:index_results"
    is_searchable = True
    search_backend_name = None  # schools are not in the search index: the database
    search_fields = ["name_kk", "name_ru", "name_en", "slug"]
    columns = [
        TitleColumn("name", label=gettext_lazy("School"), url_name="mektep_helpdesk_queues:edit"),
        Column("queue", label=gettext_lazy("Tickets go to"), accessor=queue_state),
        Column("agent_count", label=gettext_lazy("Agents")),
    ]

    def get_base_queryset(self):
        return (
            queue_managed_schools(self.request.user)
            .select_related("helpdesk_queue")
            .annotate(agent_count=Count("helpdesk_queue__agents"))
            .order_by("name_kk")
        )


class UserChoices:
    """Users shown by name and e-mail in the choices."""

    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{name} <{user.email}>" if name else user.email


class StaffMultipleChoiceField(UserChoices, forms.ModelMultipleChoiceField):
    pass


class StaffChoiceField(UserChoices, forms.ModelChoiceField):
    pass


class SchoolQueueForm(forms.Form):
    is_open = forms.BooleanField(
        label=gettext_lazy("The school runs its own queue"),
        required=False,
        help_text=gettext_lazy(
            "Off: the school's tickets go to the platform queue. Switching it off moves the "
            "tickets still in work there."
        ),
    )
    agents = StaffMultipleChoiceField(
        label=gettext_lazy("Agents"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("School staff who work the queue's tickets."),
    )
    owner = StaffChoiceField(
        label=gettext_lazy("Queue owner"),
        queryset=None,
        required=False,
        help_text=gettext_lazy("Receives SLA breach warnings of every ticket in the queue."),
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agents"].queryset = staff
        self.fields["owner"].queryset = staff

    def clean(self):
        data = super().clean()
        if data.get("is_open") and not data.get("agents"):
            self.add_error(
                "agents",
                _("Choose at least one agent: nobody would answer the school's tickets."),
            )
        return data


class SchoolQueueView(WagtailAdminTemplateMixin, FormView):
    form_class = SchoolQueueForm
    template_name = "mektep_helpdesk/admin/school_queue.html"
    header_icon = "help"
    page_title = gettext_lazy("Helpdesk queue")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.school = get_object_or_404(
            queue_managed_schools(request.user).select_related("site"), pk=kwargs["school_id"]
        )
        self.profile = QueueProfile.objects.filter(school=self.school).first()

    def get_page_subtitle(self):
        return self.school.name

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(INDEX), "label": _("Helpdesk queues")},
            {"url": "", "label": self.school.name},
        ]

    def staff(self):
        """The school's staff, and whoever works the queue already (kept, not dropped
        silently, should their role have changed)."""
        from django.contrib.auth import get_user_model

        chosen = Q(
            is_active=True,
            role_assignments__school=self.school,
            role_assignments__role__in=STAFF_ROLES,
        )
        if self.profile is not None:
            chosen |= Q(helpdesk_queues=self.profile)
        users = get_user_model().objects.filter(chosen).distinct()
        return users.order_by("last_name", "first_name", "email")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["staff"] = self.staff()
        return kwargs

    def get_initial(self):
        if self.profile is None:
            return {"is_open": False}
        return {
            "is_open": self.profile.is_open,
            "agents": list(self.profile.agents.all()),
            "owner": self.profile.owner,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["school"] = self.school
        context["profile"] = self.profile
        context["action_url"] = self.request.path
        context["submit_button_label"] = _("Save")
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        if data["is_open"]:
            profile = services.open_school_queue(self.school)
            services.set_queue_team(profile, data["owner"], data["agents"])
            messages.success(
                self.request,
                _("“%(school)s” runs its own queue with %(count)d agents.")
                % {"school": self.school.name, "count": len(data["agents"])},
            )
        elif self.profile is not None and self.profile.is_open:
            moved = services.close_school_queue(self.school, self.request.user)
            messages.success(
                self.request,
                _(
                    "The queue of “%(school)s” is closed: its tickets go to the platform "
                    "queue (%(moved)d in work moved there)."
                )
                % {"school": self.school.name, "moved": moved},
            )
        return redirect(INDEX)
