"""Admin permissions for per-site data (news comments, feedback submissions).

Wagtail's generic edit, delete and inspect views load the object by primary key and then ask
the viewset's permission policy about that instance, so scoping the listing alone would leave
another school's objects one URL away. This policy grants the listed actions to anyone who
administers at least one site (schools.tenancy) and, per instance, only on objects of those
sites; superusers keep everything and Django model permissions still work as usual."""

from django.core.exceptions import PermissionDenied

from wagtail.permission_policies.base import ModelPermissionPolicy

from schools.tenancy import sites_for_user


class SiteScopedPermissionPolicy(ModelPermissionPolicy):
    def __init__(self, model, actions=("view", "change"), site_field="site"):
        super().__init__(model)
        self.site_admin_actions = frozenset(actions)
        self.site_field = site_field

    def _administers_a_site(self, user):
        cache_name = "_site_scoped_policy_sites"
        if not hasattr(user, cache_name):
            setattr(user, cache_name, set(sites_for_user(user).values_list("pk", flat=True)))
        return getattr(user, cache_name)

    def user_has_permission(self, user, action):
        if not (user.is_active and user.is_authenticated):
            return False
        if user.is_superuser or super().user_has_permission(user, action):
            return True
        return action in self.site_admin_actions and bool(self._administers_a_site(user))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if user.is_superuser:
            return True
        return getattr(instance, f"{self.site_field}_id") in self._administers_a_site(user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def scope(self, queryset, user):
        """`queryset` narrowed to the user's sites (the interface schools.tenancy's viewset
        mixin calls)."""
        if user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.site_field}__in": self._administers_a_site(user)})

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not any(self.user_has_permission(user, action) for action in actions):
            return queryset.none()
        if user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.site_field}__in": self._administers_a_site(user)})


class SiteScopedIndexMixin:
    """For a generic IndexView: list (and export) only what the permission policy allows."""

    def get_base_queryset(self):
        allowed = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        )
        return super().get_base_queryset().filter(pk__in=allowed.values("pk"))


class SiteScopedObjectMixin:
    """For generic edit / delete / inspect views: an object of a site the user does not
    administer answers 403 (Wagtail's edit view only checks the model-level permission; a
    404 would be redirected to a language-prefixed URL by LocaleMiddleware)."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["view", "change", "delete"], obj
        ):
            raise PermissionDenied
        return obj


def scoped_snippet_chooser_viewset_class(policy):
    """A snippet chooser viewset whose listing, search and "chosen" views only reach the
    records of the user's sites."""
    from wagtail.snippets.views import chooser

    def allowed(request):
        return policy.instances_user_has_any_permission_for(request.user, ["choose"])

    class ChooseView(chooser.ChooseView):
        def get_object_list(self):
            return allowed(self.request)

    class ChooseResultsView(chooser.ChooseResultsView):
        def get_object_list(self):
            return allowed(self.request)

    class ChosenView(chooser.SnippetChosenView):
        def get_object(self, pk):
            return allowed(self.request).get(pk=pk)

    class ChosenMultipleView(chooser.SnippetChosenMultipleView):
        def get_objects(self, pks):
            return allowed(self.request).filter(pk__in=pks)

    return type(
        "SiteScopedSnippetChooserViewSet",
        (chooser.SnippetChooserViewSet,),
        {
            "choose_view_class": ChooseView,
            "choose_results_view_class": ChooseResultsView,
            "chosen_view_class": ChosenView,
            "chosen_multiple_view_class": ChosenMultipleView,
        },
    )
