"""Admin scoping: a school's staff explore only the page trees they have permissions on."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.permission_policies.pages import PagePermissionPolicy

from .admin_views import new_school
from .bulk_actions import scope_registry
from .scoped_views import scope_admin_filters


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def school_admin_urls():
    return [path("schools/new/", new_school, name="schools_new")]


@hooks.register("register_admin_menu_item")
def new_school_menu_item():
    return SuperuserMenuItem(_("New school"), reverse("schools_new"), icon_name="home", order=900)


@hooks.register("construct_explorer_page_queryset")
def only_explorable_pages(parent_page, pages, request):
    # Wagtail lets any admin user open the explorer listing of any page; without this a
    # school's editor could read the titles of another school's pages.
    if request.user.is_superuser:
        return pages
    explorable = PagePermissionPolicy().explorable_instances(request.user)
    return pages.filter(pk__in=explorable.values("pk"))


@hooks.register("construct_page_chooser_queryset")
def only_choosable_pages(pages, request):
    # The page chooser (browse and search) would otherwise list every school's pages to any
    # editor; an editor links only to pages of the sites they work on.
    if request.user.is_superuser:
        return pages
    explorable = PagePermissionPolicy().explorable_instances(request.user)
    return pages.filter(pk__in=explorable.values("pk"))


@hooks.register("register_admin_viewset")
def school_members_viewsets():
    from .members import DelegationViewSet, MemberViewSet

    return [MemberViewSet(), DelegationViewSet()]


@hooks.register("construct_admin_api", order=100)
def scoped_media_admin_api(router):
    # Runs after wagtail.images / wagtail.documents registered their endpoints and replaces
    # them: the admin API would otherwise list every school's images and documents.
    from .admin_api import ScopedDocumentsAdminAPIViewSet, ScopedImagesAdminAPIViewSet

    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


# Every bulk action (pages, images, documents, users, snippets, and any an app adds) only
# reaches the user's schools' objects: see schools.bulk_actions.
scope_registry(bulk_action_registry)
# People and site filters of listings and reports offer only the user's colleagues and sites.
scope_admin_filters()


@hooks.register("construct_homepage_summary_items", order=100)  # after Wagtail adds its items
def school_summary(request, summary_items):
    # A school's staff see their school's page count, not the platform's (dashboard.py).
    from .dashboard import school_summary_items

    school_summary_items(request, summary_items)
