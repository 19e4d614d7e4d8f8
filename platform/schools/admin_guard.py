"""One guard for every admin URL that names a page: an editor reaches only pages of the
sites they work on (and the ancestors on the way there).

Wagtail checks page permissions for the actions themselves, but several screens show a
page before any action (explorer header, move and workflow-cancellation confirmations,
the page chooser opened on a page); one check on the URL's page ids covers all of them,
including admin routes added later.

The same goes for the other objects an admin URL names by id (images and documents, e.g.
the image chooser's select_format; wagtail-localize's translations, sources and snippets):
one outside the user's schools answers 404, whatever view is behind the route. Views that
list things platform-wide are served scoped (schools.scoped_views)."""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.permission_policies.pages import PagePermissionPolicy

PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")
# Reports that summarise every site's pages; school staff have their own dashboards.
SUPERUSER_ONLY_PREFIXES = ("/admin/reports/page-types-usage/",)
# Views that take their pages as ?id=... (the page chooser's multiple selection).
PAGE_IDS_IN_QUERY = {"wagtailadmin_choose_page_chosen_multiple"}
IMAGE_ID_KWARGS = ("image_id",)
DOCUMENT_ID_KWARGS = ("document_id", "doc_id")


def _reachable(request, model, ids):
    from .tenancy import reachable_objects

    return reachable_objects(model, request).filter(pk__in=ids).count() == len(set(ids))


def _objects_reachable(request, view_kwargs):
    """Whether every image, document, translation and snippet the URL names is one of the
    user's schools'."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from .scoped_views import translation_reachable

    for kwargs, model in ((IMAGE_ID_KWARGS, get_image_model()), (DOCUMENT_ID_KWARGS, None)):
        ids = [view_kwargs[k] for k in kwargs if k in view_kwargs]
        if ids and not _reachable(request, model or get_document_model(), ids):
            return False
    for key in ("translation_id", "translation_source_id"):
        if key in view_kwargs and not translation_reachable(request, **{key: view_kwargs[key]}):
            return False
    if {"app_label", "model_name", "pk"} <= view_kwargs.keys():
        try:
            model = apps.get_model(view_kwargs["app_label"], view_kwargs["model_name"])
        except LookupError:
            return True  # the view answers 404 itself
        try:
            return _reachable(request, model, [view_kwargs["pk"]])
        except (ValueError, TypeError):
            return False
    return True


def _replacement(request):
    from .scoped_views import REPLACEMENTS

    match = getattr(request, "resolver_match", None)
    return REPLACEMENTS.get(match.view_name) if match else None


class AdminPageScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith("/admin/"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_superuser:
            return None
        if request.path_info.startswith(SUPERUSER_ONLY_PREFIXES):
            raise PermissionDenied
        page_ids = {int(view_kwargs[k]) for k in PAGE_ID_KWARGS if k in view_kwargs}
        match = getattr(request, "resolver_match", None)
        if match and match.view_name in PAGE_IDS_IN_QUERY:
            try:
                page_ids |= {int(pk) for pk in request.GET.getlist("id")}
            except ValueError:
                raise Http404 from None
        if page_ids:
            explorable = PagePermissionPolicy().explorable_instances(user)
            if explorable.filter(pk__in=page_ids).count() < len(page_ids):
                raise Http404
        if not _objects_reachable(request, view_kwargs):
            raise Http404
        view = _replacement(request)
        if view is not None:
            # Wagtail's decorators wrap only the original view: the replacement gets the
            # same admin-access check and no-cache headers.
            return never_cache(require_admin_access(view))(request, *view_args, **view_kwargs)
        return None
