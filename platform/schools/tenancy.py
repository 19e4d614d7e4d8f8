"""Which sites a user may administer, and a mixin that scopes admin viewsets to them.

Every app that keeps per-site data in the Wagtail admin (menus, comments, feedback, events,
feeds, tickets...) scopes its listings, edit views and choosers with these, so that an admin
of school A never sees or changes school B's objects. Superusers see everything."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property

from wagtail.models import Page, Site
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

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


PAGE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}
MEDIA_ACTIONS = ["change", "choose", "delete"]


def colleagues_for_user(user, roles=SCHOOL_ADMIN_ROLES):
    """The people whose names a user may see in admin lists and filters (report filters,
    authors of log entries): everyone holding a role in the schools they administer, and
    themselves. Everyone for superusers."""
    User = get_user_model()
    if user.is_superuser:
        return User._default_manager.all()
    return User._default_manager.filter(
        Q(pk=user.pk) | Q(role_assignments__school__in=schools_for_user(user, roles))
    ).distinct()


def reachable_objects(model, request):
    """The objects of any admin model that `request.user` may reach through a generic admin
    route (bulk actions, wagtail-localize's snippet API and translation views): pages they
    have a permission on, images and documents of their collections, their schools' people,
    snippets as their viewset lists them. Nothing of a model that has no per-school rule."""
    from wagtail.documents import get_document_model
    from wagtail.documents.permissions import permission_policy as document_policy
    from wagtail.images import get_image_model
    from wagtail.images.permissions import permission_policy as image_policy

    user = request.user
    manager = model._default_manager
    if user.is_superuser:
        return manager.all()
    if not user.is_authenticated:
        return manager.none()
    if issubclass(model, Page):
        # Pages the user has a permission on, not the explorable ones: those include the
        # ancestors (the tree root, whose children are every school's home page).
        pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, PAGE_ACTIONS)
        return manager.filter(pk__in=pages.values("pk"))
    if model is get_image_model():
        return image_policy.instances_user_has_any_permission_for(user, MEDIA_ACTIONS)
    if model is get_document_model():
        return document_policy.instances_user_has_any_permission_for(user, MEDIA_ACTIONS)
    if model is get_user_model():
        return colleagues_for_user(user)
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is not None:
        # The snippet's own listing: per-site viewsets (SiteScopedViewSetMixin) and
        # territory-scoped ones answer with the user's records; platform-wide snippets
        # (None) stay guarded by their model permissions.
        queryset = viewset.get_queryset(request)
        return manager.all() if queryset is None else queryset
    return manager.none()


def check_site_access(user, site, roles=SCHOOL_ADMIN_ROLES):
    if not sites_for_user(user, roles).filter(pk=getattr(site, "pk", site)).exists():
        raise PermissionDenied


class SiteScopedPolicy(ModelPermissionPolicy):
    """Permission policy for per-site records: a user may act on a record when it belongs to
    one of the sites they administer (with one of `roles`); superusers on all. Wagtail's
    edit, delete, copy, history and usage views ask the policy about the instance, and
    SiteScopedViewSetMixin answers 404 for another school's object whatever URL reaches it
    (as schools.admin_guard does for pages).

    `actions` narrows what school staff may do (e.g. ("view", "change") for records that
    come from the public site and must stay: no adding, no deleting); None allows all."""

    def __init__(self, model, site_field="site", roles=SCHOOL_ADMIN_ROLES, actions=None):
        super().__init__(model)
        self.site_field = site_field
        self.roles = roles
        self.actions = None if actions is None else frozenset(actions)

    def _sites(self, user):
        return sites_for_user(user, self.roles)

    def _allows(self, user, actions):
        # Wagtail's object views ask about action None: "may this user reach the object".
        return (
            user.is_superuser
            or self.actions is None
            or any(action is None or action in self.actions for action in actions)
        )

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions):
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        return self._allows(user, actions) and self._sites(user).exists()

    def scope(self, queryset, user):
        if not (user.is_authenticated and user.is_active):
            return queryset.none()
        if user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.site_field}__in": self._sites(user)})

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.scope(self.model._default_manager.all(), user)
        return queryset if self._allows(user, actions) else queryset.none()

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )


def _scoped_object_view(view_class, policy):
    """A subclass of a Wagtail admin view whose listing queryset and loaded object are
    limited to the user's sites (404 outside)."""

    def get_base_queryset(self):
        return policy.scope(super(scoped, self).get_base_queryset(), self.request.user)

    def get_object(self, *args, **kwargs):
        obj = super(scoped, self).get_object(*args, **kwargs)
        if obj is not None and not policy.user_has_permission_for_instance(
            self.request.user, None, obj
        ):
            raise Http404
        return obj

    attrs = {}
    if hasattr(view_class, "get_base_queryset"):
        attrs["get_base_queryset"] = get_base_queryset
    if hasattr(view_class, "get_object"):
        attrs["get_object"] = get_object
    scoped = type(f"SiteScoped{view_class.__name__}", (view_class,), attrs)
    return scoped


def _scoped_chooser_viewset_class(base_class, policy):
    """A chooser viewset whose listing, search, "chosen" and "chosen-multiple" (`?id=...`)
    views only reach the user's sites' records."""

    def scope(view_class):
        class Scoped(view_class):
            def get_object_list(self):
                return policy.instances_user_has_any_permission_for(self.request.user, ["choose"])

            def get_object(self, pk):
                return policy.instances_user_has_any_permission_for(
                    self.request.user, ["choose"]
                ).get(pk=pk)

            def get_objects(self, pks):
                return policy.instances_user_has_any_permission_for(
                    self.request.user, ["choose"]
                ).filter(pk__in=pks)

        Scoped.__name__ = f"SiteScoped{view_class.__name__}"
        return Scoped

    attrs = {
        name: scope(getattr(base_class, name))
        for name in (
            "choose_view_class",
            "choose_results_view_class",
            "chosen_view_class",
            "chosen_multiple_view_class",
        )
    }
    return type(f"SiteScoped{base_class.__name__}", (base_class,), attrs)


class SiteScopedViewSetMixin:
    """For Wagtail SnippetViewSet / ModelViewSet of models with a `site` foreign key (or
    another lookup in `site_field`, e.g. "page__site"): the listing, every object view
    (edit, delete, copy, history, usage, inspect) and the chooser only reach records of the
    user's sites, and the site field of forms only offers those sites. School admin roles
    (site administrators and editors) get the model's admin actions on their own sites
    without Django model permissions; narrow it with `scoped_roles`."""

    site_field = "site"
    scoped_roles = SCHOOL_ADMIN_ROLES
    # What school staff may do with the records (SiteScopedPolicy's `actions`); None: all.
    scoped_actions = None

    @cached_property
    def permission_policy(self):
        return SiteScopedPolicy(
            self.model, self.site_field, self.scoped_roles, actions=self.scoped_actions
        )

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(
            request.user, ["change", "view"]
        )

    def construct_view(self, view_class, **kwargs):
        # Wagtail's object views (edit, delete, copy, history, usage, inspect, revisions...)
        # load their object with the model's default manager and check model-level
        # permissions only; wrap every view that loads an object so that one outside the
        # user's sites answers 404.
        if hasattr(view_class, "get_object") or hasattr(view_class, "get_base_queryset"):
            view_class = _scoped_object_view(view_class, self.permission_policy)
        return super().construct_view(view_class, **kwargs)

    @property
    def chooser_viewset_class(self):
        return _scoped_chooser_viewset_class(super().chooser_viewset_class, self.permission_policy)

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        site_field = self.site_field
        roles = self.scoped_roles

        class ScopedForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                user = getattr(self, "for_user", None)
                if user is not None and site_field in self.fields:
                    self.fields[site_field].queryset = sites_for_user(user, roles)

        ScopedForm.__name__ = form_class.__name__
        return ScopedForm
