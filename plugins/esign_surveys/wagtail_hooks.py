"""The survey builder in the Wagtail admin, scoped to the sites the user administers, and the
results / evidence views."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from plugin_api.admin_menu import PluginViewSetMixin
from schools.tenancy import SiteScopedViewSetMixin, sites_for_user

from . import admin_views
from .models import Survey

PLUGIN_LABEL = "esign_surveys"


def scoped_surveys(user):
    if user.is_superuser:
        return Survey.objects.all()
    return Survey.objects.filter(site__in=sites_for_user(user))


class SiteAdminPermissionPolicy(ModelPermissionPolicy):
    """Administrators of a site (schools.tenancy) manage that site's surveys: the plugin does
    not need model permissions in every school's groups, and never reaches another site."""

    def user_has_permission(self, user, action):
        if not (user.is_active and user.is_authenticated):
            return False
        return user.is_superuser or sites_for_user(user).exists()

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return user.is_superuser or sites_for_user(user).filter(pk=instance.site_id).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_permission_for_instance(user, None, instance)

    def instances_user_has_permission_for(self, user, action):
        return scoped_surveys(user)

    def instances_user_has_any_permission_for(self, user, actions):
        return scoped_surveys(user)


class ScopedChooseMixin:
    def get_object_list(self):
        return scoped_surveys(self.request.user)


class ScopedChooseView(ScopedChooseMixin, ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooseMixin, ChooseResultsView):
    pass


class ScopedChosenView(SnippetChosenView):
    def get_object(self, pk):
        return scoped_surveys(self.request.user).get(pk=pk)


class SurveyChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView


class ResultsColumn(Column):
    def get_value(self, instance):
        return _("Results (%(count)s)") % {"count": instance.responses.count()}

    def get_link_url(self, instance, parent_context):
        return reverse("esign_surveys_admin:results", args=[instance.pk])

    cell_template_name = "esign_surveys/admin/link_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["link_url"] = self.get_link_url(instance, parent_context)
        return context


class SurveyViewSet(PluginViewSetMixin, SiteScopedViewSetMixin, SnippetViewSet):
    model = Survey
    plugin_label = PLUGIN_LABEL
    icon = "form"
    menu_label = _("Surveys and polls")
    menu_order = 250
    add_to_admin_menu = True
    chooser_viewset_class = SurveyChooserViewSet
    list_display = ["title", "kind", "site", "signing", ResultsColumn("results", label="")]
    list_filter = ["kind", "signing"]
    search_fields = ["title_kk", "title_ru", "title_en", "slug"]

    @property
    def permission_policy(self):
        return SiteAdminPermissionPolicy(self.model)


register_snippet(SurveyViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("<int:survey_id>/", admin_views.results, name="results"),
        path("<int:survey_id>/export.<str:fmt>", admin_views.export, name="export"),
        path("<int:survey_id>/reverify/", admin_views.reverify, name="reverify"),
        path("<int:survey_id>/distribute/", admin_views.distribute, name="distribute"),
        path("response/<int:response_id>/", admin_views.response_detail, name="response"),
        path(
            "signature/<int:signature_id>/<str:part>",
            admin_views.evidence_file,
            name="evidence_file",
        ),
    ]
    from django.urls import include

    return [path("esign-surveys/", include((urls, "esign_surveys_admin")))]
