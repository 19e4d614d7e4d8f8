"""One guard for every admin URL that names a page: an editor reaches only pages of the
sites they work on (and the ancestors on the way there).

Wagtail checks page permissions for the actions themselves, but several screens show a
page before any action (explorer header, move and workflow-cancellation confirmations,
the page chooser opened on a page); one check on the URL's page ids covers all of them,
including admin routes added later."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from wagtail.permission_policies.pages import PagePermissionPolicy

PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")
# Reports that summarise every site's pages; school staff have their own dashboards.
SUPERUSER_ONLY_PREFIXES = ("/admin/reports/page-types-usage/",)


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
        if page_ids:
            explorable = PagePermissionPolicy().explorable_instances(user)
            if explorable.filter(pk__in=page_ids).count() < len(page_ids):
                raise Http404
        return None
