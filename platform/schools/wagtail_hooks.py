"""Admin scoping: a school's staff explore only the page trees they have permissions on."""

from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy


@hooks.register("construct_explorer_page_queryset")
def only_explorable_pages(parent_page, pages, request):
    # Wagtail lets any admin user open the explorer listing of any page; without this a
    # school's editor could read the titles of another school's pages.
    if request.user.is_superuser:
        return pages
    explorable = PagePermissionPolicy().explorable_instances(request.user)
    return pages.filter(pk__in=explorable.values("pk"))
