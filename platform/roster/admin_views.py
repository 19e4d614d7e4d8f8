"""The roster in the Wagtail admin: classes, students and staff of the schools the user keeps
the roster of. Scoped like every per-school listing (schools.tenancy): another school's
class, student or staff record answers 404 at every URL."""

from django import forms
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.identity_numbers import validate_iin
from accounts.roles import Role
from schools.tenancy import SiteScopedPolicy, SiteScopedViewSetMixin, schools_for_user

from . import services
from .models import AcademicYear, Employment, Person, SchoolClass

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
    """A student's personal data; a new student is enrolled in the chosen class at once."""

    school_class = forms.ModelChoiceField(
        label=_("Class"), queryset=SchoolClass.objects.none(), required=False
    )
    starts_on = forms.DateField(label=_("Enrolled from"), required=False)

    class Meta:
        model = Person
        fields = ["last_name", "first_name", "middle_name", "iin", "birth_date", "sex"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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

    def clean(self):
        cleaned = super().clean()
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
        person = super().save(commit)
        if commit and "school_class" in self.fields:
            services.enrol(
                person,
                self.cleaned_data["school_class"],
                self.cleaned_data.get("starts_on") or timezone.localdate(),
            )
        return person


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


class StudentViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = Person
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
        return StudentPolicy(self.model, "enrolments__school__site", self.scoped_roles)

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


class RosterViewSetGroup(ViewSetGroup):
    menu_label = _("Roster")
    menu_icon = "group"
    menu_order = 205
    items = (ClassViewSet, StudentViewSet, StaffViewSet)
