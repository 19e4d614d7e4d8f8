"""Wagtail's bulk actions (/admin/bulk/<app>/<model>/<action>/?id=...), limited to the
user's schools.

Wagtail loads a bulk action's objects by id from the whole table and checks one model-wide
permission (snippets: `user.has_perm("<app>.delete_<model>")`), and its confirm page lists
every requested object, with or without access. A model-wide permission held by a school's
group would so reach every school's objects. Every registered bulk action is replaced (see
`scope_registry`) by a subclass that
- loads only objects the user may work on (schools.tenancy.reachable_objects): other
  schools' ids are refused with a message, and "select all" keeps only the user's own;
- checks each object with the model's own permission policy (snippets: their viewset's,
  which for per-site models is schools.tenancy.SiteScopedPolicy), not a global permission.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request

from .tenancy import reachable_objects

HOME_PAGE_DEPTH = 2
HOME_PAGE_PROTECTED_ACTIONS = {"delete", "move"}


def refusal_message():
    return _(
        "You can only select your own school's items for this action. Go back to the "
        "list and select them there."
    )


def _ids_in_scope(model, request, ids):
    """Whether every id typed into the URL names an object the user may select."""
    wanted = set(ids)
    try:
        found = reachable_objects(model, request).filter(pk__in=wanted).values_list("pk")
        return found.distinct().count() == len(wanted)
    except (ValueError, ValidationError):  # not an id of this model
        return False


def _snippet_policy(model):
    viewset = getattr(model, "snippet_viewset", None)
    return None if viewset is None else viewset.permission_policy


def scoped_bulk_action(action_class):
    """A subclass of a Wagtail bulk action limited to the user's schools."""

    class Scoped(action_class):
        scoped_by_schools = True

        def dispatch(self, request, *args, **kwargs):
            ids = request.GET.getlist("id")
            if "all" not in ids and not _ids_in_scope(self.model, request, ids):
                messages.error(request, refusal_message())
                return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
            return super().dispatch(request, *args, **kwargs)

        def get_queryset(self, model, object_ids):
            # "Select all" in a listing takes the listing's query, which may reach other
            # schools (children of the tree root, a snippet's whole table): keep the
            # user's own objects.
            allowed = reachable_objects(model, self.request).filter(pk__in=list(object_ids))
            return super().get_queryset(model, list(allowed.values_list("pk", flat=True)))

        def check_perm(self, obj):
            if (
                self.action_type in HOME_PAGE_PROTECTED_ACTIONS
                and getattr(obj, "depth", None) == HOME_PAGE_DEPTH
                and not self.request.user.is_superuser
            ):
                # Schools' home pages (and their translations) come from provisioning and
                # the School record protects them: a select-all under the root would
                # otherwise fail with a server error.
                return False
            policy = _snippet_policy(self.model)
            if policy is None:
                return super().check_perm(obj)
            # Snippets: Wagtail asks for a model-wide permission; the viewset's policy
            # knows the object's site.
            return policy.user_has_permission_for_instance(self.request.user, self.action_type, obj)

    Scoped.__name__ = Scoped.__qualname__ = f"Scoped{action_class.__name__}"
    return Scoped


def scope_registry(registry):
    """Make `registry` (Wagtail's bulk_action_registry) hand out the scoped subclass of
    every action it finds, whichever app registered it. Wagtail fills the registry from the
    register_bulk_action hooks on first use, after every wagtail_hooks module (this one's
    caller too) was imported; hooks cannot replace another app's action class, so the
    registry's scan is wrapped."""
    scan = registry._scan_for_bulk_actions
    if getattr(scan, "scoped_by_schools", False):
        return
    scoped = {}

    def scan_then_scope():
        if registry.has_scanned_for_bulk_actions:
            return
        scan()
        for models in registry.actions.values():
            for actions in models.values():
                for action_type, action_class in actions.items():
                    if action_class not in scoped:
                        scoped[action_class] = scoped_bulk_action(action_class)
                    actions[action_type] = scoped[action_class]

    scan_then_scope.scoped_by_schools = True
    registry._scan_for_bulk_actions = scan_then_scope
