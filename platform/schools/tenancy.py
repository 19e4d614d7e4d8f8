"""Which sites a user may administer, and a mixin that scopes admin viewsets to them.

Every app that keeps per-site data in the Wagtail admin (menus, comments, feedback, events,
feeds, tickets...) scopes its listings, edit views and choosers with these, so that an admin
of school A never sees or changes school B's objects. Superusers see everything."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from wagtail.models import Site

from accounts.roles import SCHOOL_ADMIN_ROLES, Role

from .models import Portal, School


def schools_for_user(user, roles=SCHOOL_ADMIN_ROLES):
    """Schools where the user holds one of `roles`; district and region coordinators reach
    the schools of their territory. Every school for superusers."""
    if not user.is_authenticated:
        return School.objects.none()
    if user.is_superuser:
        return School.objects.all()
    assignments = user.role_assignments.all()
    direct = Q(pk__in=assignments.filter(role__in=roles, school__isnull=False).values("school"))
    territory = Q(
        district__in=assignments.filter(
            role=Role.DISTRICT_COORDINATOR, district__isnull=False
        ).values("district")
    ) | Q(
        district__region__in=assignments.filter(
            role=Role.REGION_COORDINATOR, region__isnull=False
        ).values("region")
    )
    return School.objects.filter(direct | territory).distinct()


def sites_for_user(user, roles=SCHOOL_ADMIN_ROLES):
    """Sites the user may administer: their schools' sites, plus the portals of the
    territories they coordinate."""
    if not user.is_authenticated:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    assignments = user.role_assignments.all()
    portals = Portal.objects.filter(
        Q(district__in=assignments.filter(role=Role.DISTRICT_COORDINATOR).values("district"))
        | Q(region__in=assignments.filter(role=Role.REGION_COORDINATOR).values("region"))
    )
    return Site.objects.filter(
        Q(pk__in=schools_for_user(user, roles).values("site")) | Q(pk__in=portals.values("site"))
    ).distinct()


def check_site_access(user, site, roles=SCHOOL_ADMIN_ROLES):
    if not sites_for_user(user, roles).filter(pk=getattr(site, "pk", site)).exists():
        raise PermissionDenied


class SiteScopedViewSetMixin:
    """For Wagtail ModelViewSet / SnippetViewSet of models with a `site` foreign key (or
    another lookup in `site_field`): listings, edit/delete views and choosers only reach
    objects of the user's sites, and the site field of forms only offers those sites.
    Objects outside answer 404 because they are not in the queryset."""

    site_field = "site"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.site_field}__in": sites_for_user(request.user)})

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        site_field = self.site_field

        class ScopedForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                user = getattr(self, "for_user", None)
                if user is not None and site_field in self.fields:
                    self.fields[site_field].queryset = sites_for_user(user)

        ScopedForm.__name__ = form_class.__name__
        return ScopedForm
