"""The survey builder in the Wagtail admin, scoped to the sites the user administers
(schools.tenancy: listing, object views and the chooser), and the results / evidence views."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from plugin_api.admin_menu import PluginViewSetMixin
from schools.tenancy import SiteScopedViewSetMixin

from . import admin_views
from .models import Survey

PLUGIN_LABEL = "esign_surveys"


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
    list_display = ["title", "kind", "site", "signing", ResultsColumn("results", label="")]
    list_filter = ["kind", "signing"]
    search_fields = ["title_kk", "title_ru", "title_en", "slug"]


register_snippet(SurveyViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("<int:survey_id>/", admin_views.results, name="results"),
        path("<int:survey_id>/export.<str:fmt>", admin_views.export, name="export"),
        path("<int:survey_id>/reverify/", admin_views.reverify, name="reverify"),
        path("<int:survey_id>/distribute/", admin_views.distribute, name="distribute"),
        path("response/<int:response_id>/", admin_views.response_detail, name="response"),
        path("file/<int:file_id>/", admin_views.response_file, name="response_file"),
        path(
            "signature/<int:signature_id>/<str:part>",
            admin_views.evidence_file,
            name="evidence_file",
        ),
    ]
    from django.urls import include

    return [path("esign-surveys/", include((urls, "esign_surveys_admin")))]
