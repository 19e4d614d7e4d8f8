"""The dashboard's summary for a school's staff: their school's figures, not the platform's.

Wagtail's page count starts from the deepest page all of a user's permissions share; a
school's permissions sit on its kk, ru and en home pages, whose only common ancestor is the
tree root, so a school admin was shown every school's pages as theirs."""

from django.db.models import Q

from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.models import Page

from .tenancy import sites_for_user


class SchoolPagesSummaryItem(PagesSummaryItem):
    def get_context_data(self, parent_context):
        user = self.request.user
        if user.is_superuser:
            return super().get_context_data(parent_context)
        sites = list(sites_for_user(user).select_related("root_page"))
        if not sites:
            return super().get_context_data(parent_context)
        trees = Q()
        for site in sites:
            # The site's home page in every language is the root of one tree.
            for home in Page.objects.filter(translation_key=site.root_page.translation_key):
                trees |= Q(path__startswith=home.path)
        return {
            "root_page": sites[0].root_page,
            "total_pages": Page.objects.filter(trees).count(),
            "site_name": ", ".join(site.site_name or site.hostname for site in sites),
        }


def school_summary_items(request, summary_items):
    for index, item in enumerate(summary_items):
        if type(item) is PagesSummaryItem:
            summary_items[index] = SchoolPagesSummaryItem(request)
