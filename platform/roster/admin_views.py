"""The roster in the Wagtail admin: classes, students and staff of the schools the user keeps
the roster of. Scoped like every per-school listing (schools.tenancy): another school's
class, student or staff record answers 404 at every URL."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.identity_numbers import validate_iin
from accounts.roles import Role
from schools.tenancy import SiteScopedPolicy, SiteScopedViewSetMixin, schools_for_user

from . import services
from .models import AcademicYear, Employment, Enrolment, Organisation, Person, SchoolClass

# Who keeps a school's roster in the admin.
ROSTER_ROLES = (Role.SITE_ADMIN,)


def roster_schools(user):
    return schools_for_user(user, ROSTER_ROLES)


def _classes_for(user):
    return SchoolClass.objects.filter(school__in=roster_schools(user)).select_related(
        "academic_year"
    )


def _staff_for(user):
    # Class teachers are chosen among the school's current staff.
    return Person.objects.filter(
        employments__school__in=roster_schools(user), employments__ends_on__isnull=True
    ).distinct()


class SchoolClassForm(WagtailAdminModelForm):
    class Meta:
        model = SchoolClass
        fields = [
            "school",
            "academic_year",
            "grade",
            "letter",
            "language",
            "shift",
            "class_teacher",
            "capacity",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None:
            schools = roster_schools(user)
            self.fields["school"].queryset = schools
            if schools.count() == 1 and not self.instance.pk:
                self.fields["school"].initial = schools.first()
                self.fields["academic_year"].initial = AcademicYear.current_for(schools.first())
            self.fields["class_teacher"].queryset = _staff_for(user)


class StudentForm(WagtailAdminModelForm):
    """A student's personal data; a new student is enrolled in the chosen class at once. A
    student who studied elsewhere (found by IIN, with no open enrolment) is admitted as a
    transfer, so their history stays one record."""

    school_class = forms.ModelChoiceField(
        label=_("Class"), queryset=SchoolClass.objects.none(), required=False
    )
    starts_on = forms.DateField(label=_("Enrolled from"), required=False)

    class Meta:
        model = Person
        fields = ["last_name", "first_name", "middle_name", "iin", "birth_date", "sex"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_person = None
        user = getattr(self, "for_user", None)
        if user is not None:
            self.fields["school_class"].queryset = _classes_for(user)
        if self.instance.pk:
            # The class of an existing student changes through a transfer, which keeps the
            # history; this form only edits personal data.
            del self.fields["school_class"]
            del self.fields["starts_on"]
        else:
            self.fields["school_class"].required = True
            self.fields["starts_on"].initial = timezone.localdate()

    def clean_iin(self):
        iin = (self.cleaned_data.get("iin") or "").strip() or None
        if iin and not self.instance.pk:
            known = Person.objects.filter(iin=iin).first()
            if known is not None:
                if known.enrolments.filter(ends_on__isnull=True).exists():
                    raise forms.ValidationError(
                        _(
                            "This student studies in another school or class. That school "
                            "records the leaving first; then admit the student here."
                        )
                    )
                self.known_person = known
        return iin

    def validate_unique(self):
        # A known person is admitted, not created again: their IIN is theirs.
        if self.known_person is None:
            super().validate_unique()

    def clean(self):
        cleaned = super().clean()
        user = getattr(self, "for_user", None)
        if (
            self.instance.pk
            and user is not None
            and not user.is_superuser
            and not self.instance.enrolments.filter(
                ends_on__isnull=True, school__in=roster_schools(user)
            ).exists()
        ):
            # A former student's record stays visible to the school they left, read-only.
            raise forms.ValidationError(
                _("This student no longer studies in your school: the record is read-only.")
            )
        school_class = cleaned.get("school_class")
        if school_class is not None:
            taken = school_class.open_enrolments().count()
            if taken >= school_class.capacity:
                self.add_error(
                    "school_class",
                    _("Class %(name)s is full: %(taken)s of %(capacity)s places are taken.")
                    % {
                        "name": school_class.name,
                        "taken": taken,
                        "capacity": school_class.capacity,
                    },
                )
        return cleaned

    def save(self, commit=True):
        if self.known_person is not None:
            person = self.instance = self.known_person
            reason = Enrolment.StartReason.TRANSFERRED_IN
        else:
            person = super().save(commit)
            reason = Enrolment.StartReason.ADMITTED
        if commit and "school_class" in self.fields:
            services.enrol(
                person,
                self.cleaned_data["school_class"],
                self.cleaned_data.get("starts_on") or timezone.localdate(),
                reason,
            )
        return person


class TransferForm(forms.Form):
    school_class = forms.ModelChoiceField(label=_("New class"), queryset=SchoolClass.objects.none())
    on_date = forms.DateField(label=_("From"))

    def __init__(self, *args, user, student, **kwargs):
        super().__init__(*args, **kwargs)
        current = student.open_enrolment()
        classes = _classes_for(user)
        if current is not None:
            classes = classes.filter(school=current.school).exclude(pk=current.school_class_id)
        self.fields["school_class"].queryset = classes
        self.fields["on_date"].initial = timezone.localdate()


class LeaveForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[
            (Enrolment.EndReason.TRANSFERRED_OUT, Enrolment.EndReason.TRANSFERRED_OUT.label),
            (Enrolment.EndReason.LEFT, Enrolment.EndReason.LEFT.label),
            (Enrolment.EndReason.GRADUATED, Enrolment.EndReason.GRADUATED.label),
        ],
    )
    on_date = forms.DateField(label=_("Last day at the school"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_date"].initial = timezone.localdate()


class StaffForm(WagtailAdminModelForm):
    """A staff position; the person is named here (found by IIN when already on the
    platform, e.g. a teacher who also works in another school) rather than chosen from a
    list, so that no school browses another school's people."""

    last_name = forms.CharField(label=_("Surname"), max_length=150)
    first_name = forms.CharField(label=_("Name"), max_length=150)
    middle_name = forms.CharField(label=_("Patronymic"), max_length=150, required=False)
    iin = forms.CharField(label=_("IIN"), max_length=12, validators=[validate_iin])

    class Meta:
        model = Employment
        fields = [
            "school",
            "position",
            "subjects",
            "qualification_category",
            "education",
            "starts_on",
            "ends_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None:
            schools = roster_schools(user)
            self.fields["school"].queryset = schools
            if schools.count() == 1 and not self.instance.pk:
                self.fields["school"].initial = schools.first()
        self.fields["school"].required = True
        if self.instance.pk:
            person = self.instance.person
            for name in ("last_name", "first_name", "middle_name", "iin"):
                self.initial[name] = getattr(person, name) or ""
        self.order_fields(["last_name", "first_name", "middle_name", "iin"])

    def clean(self):
        cleaned = super().clean()
        iin = cleaned.get("iin")
        if (
            iin
            and self.instance.pk
            and Person.objects.filter(iin=iin).exclude(pk=self.instance.person_id).exists()
        ):
            self.add_error("iin", _("Another person already has this IIN."))
        return cleaned

    def save(self, commit=True):
        data = self.cleaned_data
        names = {k: data.get(k, "") for k in ("last_name", "first_name", "middle_name")}
        if self.instance.pk:
            person = self.instance.person
            for key, value in names.items():
                setattr(person, key, value)
            person.iin = data["iin"]
            person.save()
        else:
            person, _created = Person.objects.get_or_create(iin=data["iin"], defaults=names)
            self.instance.person = person
        return super().save(commit)


class StudentPolicy(SiteScopedPolicy):
    """People are not per-site records: a student belongs to the schools of their open
    enrolment; an archived student (every enrolment ended) to the school they left."""

    def scope(self, queryset, user):
        if not (user.is_authenticated and user.is_active):
            return queryset.none()
        if user.is_superuser:
            return queryset.filter(enrolments__isnull=False).distinct()
        return queryset.filter(enrolments__school__site__in=self._sites(user)).distinct()


class ClassViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = SchoolClass
    form_class = SchoolClassForm
    icon = "group"
    menu_label = _("Classes")
    name = "roster_classes"
    list_display = [
        "name",
        "academic_year",
        "language",
        "shift",
        "class_teacher",
        Column("students", label=_("Students")),
    ]
    list_filter = ["academic_year", "grade", "language", "shift"]
    inspect_view_enabled = False
    copy_view_enabled = False
    site_field = "school__site"
    scoped_roles = ROSTER_ROLES

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("academic_year", "class_teacher", "school")
            .annotate(students=Count("enrolments", filter=Q(enrolments__ends_on__isnull=True)))
        )

    def get_form_class(self, for_update=False):
        return self.form_class


class StudentIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if any(e.ends_on is None for e in instance.enrolments.all()):
            buttons += [
                MenuItem(
                    _("Transfer to another class"),
                    url=reverse("roster_students:transfer", args=[instance.pk]),
                    icon_name="arrow-right",
                    priority=15,
                ),
                MenuItem(
                    _("Leaving the school"),
                    url=reverse("roster_students:leave", args=[instance.pk]),
                    icon_name="logout",
                    priority=16,
                ),
            ]
        return buttons


class StudentViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = Person
    index_view_class = StudentIndexView
    # A student's record holds their history in every school: a school records their
    # leaving (kept as history) and never deletes them.
    scoped_actions = ("add", "change", "view")
    form_class = StudentForm
    icon = "user"
    menu_label = _("Students")
    name = "roster_students"
    list_display = ["full_name", "iin", "birth_date", "current_class"]
    list_filter = ["enrolments__school_class__grade", "sex"]
    search_fields = ["last_name", "first_name", "middle_name", "iin"]
    inspect_view_enabled = False
    copy_view_enabled = False
    scoped_roles = ROSTER_ROLES

    @property
    def permission_policy(self):
        return StudentPolicy(
            self.model,
            "enrolments__school__site",
            self.scoped_roles,
            actions=self.scoped_actions,
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("transfer/<int:pk>/", self.student_action(transfer_view), name="transfer"),
            path("leave/<int:pk>/", self.student_action(leave_view), name="leave"),
        ]

    def student_action(self, view):
        policy = self.permission_policy

        def scoped(request, pk):
            # Only a student who studies in one of the user's schools now: one enrolment
            # that matches both conditions.
            student = (
                policy.instances_user_has_any_permission_for(request.user, ["change"])
                .filter(
                    pk=pk,
                    enrolments__ends_on__isnull=True,
                    enrolments__school__in=roster_schools(request.user),
                )
                .first()
            )
            if student is None:
                raise Http404
            return view(request, student, self)

        return scoped

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("enrolments__school_class")

    def get_form_class(self, for_update=False):
        return self.form_class


class StaffViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = Employment
    form_class = StaffForm
    icon = "user"
    menu_label = _("Staff")
    name = "roster_staff"
    list_display = ["person", "position", "subjects", "qualification_category", "school"]
    list_filter = ["position", "qualification_category"]
    search_fields = ["person__last_name", "person__first_name", "person__iin"]
    inspect_view_enabled = False
    copy_view_enabled = False
    site_field = "school__site"
    scoped_roles = ROSTER_ROLES

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "school")

    def get_form_class(self, for_update=False):
        return self.form_class


def transfer_view(request, student, viewset):
    form = TransferForm(request.POST or None, user=request.user, student=student)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer(
                student, form.cleaned_data["school_class"], form.cleaned_data["on_date"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s moved to class %(class)s.")
                % {"name": student.full_name, "class": form.cleaned_data["school_class"].name},
            )
            return redirect(viewset.get_url_name("index"))
    return TemplateResponse(
        request,
        "roster/admin/student_action.html",
        {"form": form, "student": student, "title": _("Transfer to another class")},
    )


def leave_view(request, student, viewset):
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_enrolment(
                student, form.cleaned_data["on_date"], form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("on_date", error)
        else:
            messages.success(
                request,
                _("%(name)s has left the school; the history is kept.")
                % {"name": student.full_name},
            )
            return redirect(viewset.get_url_name("index"))
    return TemplateResponse(
        request,
        "roster/admin/student_action.html",
        {"form": form, "student": student, "title": _("Leaving the school")},
    )


class OrganisationViewSet(ModelViewSet):
    """Education departments, support centres and course providers: platform
    administrators keep them (Django model permissions: superusers)."""

    model = Organisation
    icon = "site"
    menu_label = _("Organisations")
    name = "roster_organisations"
    list_display = ["name", "kind", "region", "district"]
    list_filter = ["kind", "region"]
    search_fields = ["name_kk", "name_ru", "name_en", "bin"]
    form_fields = ["kind", "name_kk", "name_ru", "name_en", "bin", "region", "district"]
    inspect_view_enabled = False
    copy_view_enabled = False


class RosterViewSetGroup(ViewSetGroup):
    menu_label = _("Roster")
    menu_icon = "group"
    menu_order = 205
    items = (ClassViewSet, StudentViewSet, StaffViewSet, OrganisationViewSet)
