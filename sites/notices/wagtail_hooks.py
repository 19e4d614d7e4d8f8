"""Admin of territory links (coordinators, per territory) and maintenance windows (platform
superadmins); cached pages are refreshed when either changes."""

from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from schools.page_cache import invalidate_site_pages

from .access import TerritoryLinkPermissionPolicy, coordinated_territories, links_for
from .models import MaintenanceWindow, TerritoryLink


class OwnLinksMixin:
    """Object views (edit, delete, copy, history, usage, inspect) answer 404 for a link
    outside the user's territories."""

    def get_object(self, *args, **kwargs):
        link = super().get_object(*args, **kwargs)
        if not links_for(self.request.user).filter(pk=link.pk).exists():
            raise Http404
        return link


def _scoped(view_class):
    return type(view_class.__name__, (OwnLinksMixin, view_class), {})


class TerritoryLinkViewSet(SnippetViewSet):
    model = TerritoryLink
    icon = "link"
    menu_label = _("Territory links")
    menu_order = 820
    add_to_admin_menu = True
    list_display = ["title", "url", "region", "district", "sort_order"]
    edit_view_class = _scoped(snippet_views.EditView)
    delete_view_class = _scoped(snippet_views.DeleteView)
    copy_view_class = _scoped(snippet_views.CopyView)
    usage_view_class = _scoped(snippet_views.UsageView)
    history_view_class = _scoped(snippet_views.HistoryView)
    inspect_view_class = _scoped(snippet_views.InspectView)

    @property
    def permission_policy(self):
        return TerritoryLinkPermissionPolicy(self.model)

    def get_queryset(self, request):
        return links_for(request.user)

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)

        class ScopedForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                user = getattr(self, "for_user", None)
                if user is not None:
                    regions, districts = coordinated_territories(user)
                    self.fields["region"].queryset = regions
                    self.fields["district"].queryset = districts

        ScopedForm.__name__ = form_class.__name__
        return ScopedForm


class MaintenanceWindowViewSet(SnippetViewSet):
    model = MaintenanceWindow
    icon = "warning"
    menu_label = _("Maintenance works")
    menu_order = 910
    add_to_admin_menu = True
    list_display = ["__str__", "ends_at", "announced_at"]


register_snippet(TerritoryLinkViewSet)
register_snippet(MaintenanceWindowViewSet)


def _refresh_all_sites(sender, **kwargs):
    # Links show on every school of a territory and banners on every site: bump them all
    # (a version counter per site, so this costs one cache write per site).
    invalidate_site_pages()


for _model in (TerritoryLink, MaintenanceWindow):
    post_save.connect(
        _refresh_all_sites, sender=_model, dispatch_uid=f"notices_{_model.__name__}_s"
    )
    post_delete.connect(
        _refresh_all_sites, sender=_model, dispatch_uid=f"notices_{_model.__name__}_d"
    )
