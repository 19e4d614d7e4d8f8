"""The school's people in the Wagtail admin: school administrators give platform users roles
in their school and delegate sections of the site to contributors. Everything is scoped to
the schools the user administers; other schools' records answer 404."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from accounts.models import RoleAssignment
from accounts.roles import SCHOOL_ROLES, Role

from .models import Delegation
from .tenancy import SiteScopedViewSetMixin, schools_for_user

ADMIN_ROLES = [Role.SITE_ADMIN]


class UserByEmailField(forms.EmailField):
    def clean(self, value):
        email = super().clean(value)
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(
                _("No platform account uses this e-mail address: ask the person to sign up first.")
            )
        return user


class ScopedSchoolFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None:
            self.fields["school"].queryset = schools_for_user(user, ADMIN_ROLES)
            if self.fields["school"].queryset.count() == 1 and not self.instance.pk:
                self.fields["school"].initial = self.fields["school"].queryset.first()


class MemberForm(ScopedSchoolFormMixin, WagtailAdminModelForm):
    user = UserByEmailField(label=_("E-mail of the platform account"))
    role = forms.ChoiceField(
        label=_("Role"), choices=[(r.value, r.label) for r in Role if r in SCHOOL_ROLES]
    )

    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "school"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["user"] = self.instance.user.email
        self.fields["school"].required = True

    def clean(self):
        cleaned = super().clean()
        user, role, school = cleaned.get("user"), cleaned.get("role"), cleaned.get("school")
        duplicate = RoleAssignment.objects.filter(user=user, role=role, school=school)
        if self.instance.pk:
            duplicate = duplicate.exclude(pk=self.instance.pk)
        if user and school and duplicate.exists():
            raise ValidationError(_("This person already holds this role in this school."))
        return cleaned


class MemberViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = RoleAssignment
    form_class = MemberForm
    icon = "group"
    menu_label = _("School members")
    menu_order = 210
    add_to_admin_menu = True
    name = "school_members"
    list_display = ["user", "role", "school", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    inspect_view_enabled = False
    copy_view_enabled = False
    site_field = "school__site"
    scoped_roles = ADMIN_ROLES

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(role__in=SCHOOL_ROLES)
            .select_related("user", "school")
        )

    def get_form_class(self, for_update=False):
        return self.form_class


class DelegationForm(ScopedSchoolFormMixin, WagtailAdminModelForm):
    user = UserByEmailField(label=_("E-mail of the contributor's platform account"))
    areas = forms.MultipleChoiceField(
        label=_("Also allow"),
        choices=Delegation.Area.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Delegation
        fields = ["user", "school", "section", "areas"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["user"] = self.instance.user.email
        user = getattr(self, "for_user", None)
        if user is not None:
            sites = schools_for_user(user, ADMIN_ROLES).values("site")
            roots = Page.objects.filter(sites_rooted_here__in=sites)
            pages = Page.objects.none()
            for root in roots:
                pages |= Page.objects.descendant_of(root, inclusive=True)
            # Every language version of a school's tree (the kk root's translations too).
            for root in roots:
                for translation in root.get_translations():
                    pages |= Page.objects.descendant_of(translation, inclusive=True)
            self.fields["section"].queryset = pages.order_by("path")

    def clean(self):
        cleaned = super().clean()
        school, section = cleaned.get("school"), cleaned.get("section")
        if school and section:
            roots = [school.site.root_page, *school.site.root_page.get_translations()]
            if not any(section.path.startswith(root.path) for root in roots):
                self.add_error("section", _("Choose a page of this school's site."))
        return cleaned

    def save(self, commit=True):
        if not self.instance.pk:
            self.instance.created_by = getattr(self, "for_user", None)
        return super().save(commit)


class DelegationViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = Delegation
    form_class = DelegationForm
    icon = "user"
    menu_label = _("Delegated access")
    menu_order = 211
    add_to_admin_menu = True
    name = "delegations"
    list_display = ["user", "section", "school", "created_at"]
    search_fields = ["user__email", "section__title"]
    inspect_view_enabled = False
    copy_view_enabled = False
    site_field = "school__site"
    scoped_roles = ADMIN_ROLES

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "section", "school")

    def get_form_class(self, for_update=False):
        return self.form_class
