"""The "news of our schools" page of a portal and of the platform site."""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from .aggregation import aggregated_entries, portal_for_site

PER_PAGE = 20


def school_news(request):
    site = getattr(request, "site", None)
    portal = portal_for_site(site) if site else None
    if portal is None:
        raise Http404
    entries = aggregated_entries(portal, get_language()[:2]).select_related("school")
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "sites_syndication/school_news.html",
        {"portal": portal, "entries": page, "current_site": site, "page": None},
    )
