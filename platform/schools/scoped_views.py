"""Wagtail and wagtail-localize admin views and filters that list things platform-wide,
limited to the user's schools. schools.admin_guard serves the REPLACEMENTS instead of the
originals for every user but superusers (a view cannot be replaced through hooks: the core
admin's URLs come first).

- Listing and report filters offer people by name and e-mail (page owner, edited by,
  locked by, requested by, site-history user: every user who ever owned, edited or locked
  a page or wrote a log entry) and every site: only the user's colleagues
  (schools.tenancy.colleagues_for_user), sites and the workflows of their pages are
  offered (`scope_admin_filters`).
- Site history shows model log entries (menus, snippets, translations...) to anyone holding
  the model's permission: only entries written by colleagues are shown; page entries stay
  limited by page permissions as Wagtail does.
- wagtail-localize's translations report lists every translation and its snippet API every
  snippet: only those whose source the user may reach (schools.tenancy.reachable_objects)."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
)
from wagtail.models import Page, PageLogEntry, Site, Task, Workflow
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.snippets_api import SnippetViewSet

from .tenancy import colleagues_for_user, reachable_objects, sites_for_user


def _scoped_choices(original):
    """A filter's choices (a queryset or a callable of the request), narrowed to the
    request's user: people to colleagues, sites to the sites they administer."""

    def queryset(request):
        choices = original(request) if callable(original) else original
        user = getattr(request, "user", None)
        if user is None or user.is_superuser:
            return choices
        if choices.model is get_user_model():
            return choices.filter(pk__in=colleagues_for_user(user).values("pk"))
        if choices.model is Site:
            return choices.filter(pk__in=sites_for_user(user).values("pk"))
        if choices.model in (Workflow, Task):
            # Workflows (and their tasks) that apply to the user's pages: attached to one
            # of them or to an ancestor. Others are named after their school.
            pages = PagePermissionPolicy().explorable_instances(user)
            workflows = Workflow.objects.filter(workflow_pages__page__in=pages.values("pk"))
            if choices.model is Task:
                return choices.filter(workflow_tasks__workflow__in=workflows).distinct()
            return choices.filter(pk__in=workflows.values("pk"))
        return choices

    queryset.scoped_by_schools = True
    return queryset


def scope_filter_choices(*filtersets):
    """Make the people and site filters of Wagtail's (and wagtail-localize's) listings and
    reports offer only the user's colleagues and sites. A filterset's filters are shared by
    its subclasses and copied into each instance, so narrowing the class's filters covers
    every view using them; a B id typed into the query string fails the narrowed form."""
    for filterset in filtersets:
        for filter_ in filterset.base_filters.values():
            original = getattr(filter_, "queryset", None)
            if original is not None and not getattr(original, "scoped_by_schools", False):
                filter_.queryset = _scoped_choices(original)


def scope_admin_filters():
    from wagtail.admin.views.pages.history import PageHistoryFilterSet
    from wagtail.admin.views.pages.listing import GenericPageFilterSet, PageFilterSet
    from wagtail.admin.views.reports.aging_pages import AgingPagesReportFilterSet
    from wagtail.admin.views.reports.audit_logging import SiteHistoryReportFilterSet
    from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet
    from wagtail.admin.views.reports.workflows import (
        WorkflowReportFilterSet,
        WorkflowTasksReportFilterSet,
    )
    from wagtail.contrib.forms.views import FormPageFilterSet
    from wagtail_localize.views.report import TranslationsReportFilterSet

    scope_filter_choices(
        PageFilterSet,
        GenericPageFilterSet,
        FormPageFilterSet,
        PageHistoryFilterSet,
        SiteHistoryReportFilterSet,
        LockedPagesReportFilterSet,
        AgingPagesReportFilterSet,
        WorkflowReportFilterSet,
        WorkflowTasksReportFilterSet,
        TranslationsReportFilterSet,
    )


class ScopedSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    def get_users_queryset(self):
        # Every author of a log entry the user may see, whichever school they work at.
        users = super().get_users_queryset()
        if self.request.user.is_superuser:
            return users
        return users.filter(pk__in=colleagues_for_user(self.request.user).values("pk"))


class ScopedLogEntriesView(LogEntriesView):
    filterset_class = ScopedSiteHistoryFilterSet

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.request.user.is_superuser or queryset.model is PageLogEntry:
            return queryset
        return queryset.filter(user__in=colleagues_for_user(self.request.user).values("pk"))


def reachable_translation_keys(request):
    """translation_key of every page and translatable snippet the user may reach."""
    keys = Q(pk__in=[])
    models = [Page] + [m for m in get_snippet_models() if hasattr(m, "translation_key")]
    for model in models:
        keys |= Q(object_id__in=reachable_objects(model, request).values("translation_key"))
    return keys


class ScopedTranslationsReportView(TranslationsReportView):
    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.user.is_superuser:
            return queryset
        from wagtail_localize.models import TranslationSource

        sources = TranslationSource.objects.filter(reachable_translation_keys(self.request))
        return queryset.filter(source__in=sources)


class ScopedSnippetViewSet(SnippetViewSet):
    def get_queryset(self):
        return reachable_objects(self.get_model(), self.request)


def translation_reachable(request, translation_id=None, translation_source_id=None):
    """Whether the source of a wagtail-localize translation (or source) is reachable."""
    from wagtail_localize.models import TranslationSource

    if translation_id is not None:
        sources = TranslationSource.objects.filter(
            pk__in=Translation.objects.filter(pk=translation_id).values("source")
        )
    else:
        sources = TranslationSource.objects.filter(pk=translation_source_id)
    return sources.filter(reachable_translation_keys(request)).exists()


# url name -> view served instead for non-superusers.
REPLACEMENTS = {
    "wagtailadmin_reports:site_history": ScopedLogEntriesView.as_view(),
    "wagtailadmin_reports:site_history_results": ScopedLogEntriesView.as_view(results_only=True),
    "wagtail_localize:translations_report": ScopedTranslationsReportView.as_view(),
    "wagtail_localize:translations_report_results": ScopedTranslationsReportView.as_view(
        results_only=True
    ),
    "wagtail_localize:snippets_api_listing": ScopedSnippetViewSet.as_view({"get": "list"}),
    "wagtail_localize:snippets_api_detail": ScopedSnippetViewSet.as_view({"get": "retrieve"}),
}
