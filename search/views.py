"""The public search page of every site (/kk/search/, /ru/search/, /en/search/)."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from .forms import SearchForm
from .scope import SearchScope
from .service import SearchParams, SearchResults, search


def search_view(request):
    form = SearchForm(request.GET or None)
    text = str(form.cleaned_or_default("q", "")).strip()
    site = getattr(request, "site", None)
    scope = SearchScope.for_site(site)
    params = SearchParams(
        text=text,
        language=(get_language() or settings.LANGUAGE_CODE)[:2],
        scope=scope,
        user=request.user,
        kind=str(form.cleaned_or_default("type", "")),
        year=form.cleaned_or_default("year", None),
        page=form.cleaned_or_default("page", 1),
        per_page=settings.SEARCH_RESULTS_PER_PAGE,
        site=site,
    )
    results = search(params) if text else SearchResults(params=params)
    return TemplateResponse(
        request,
        "mektep_search/search_results.html",
        {
            "form": form,
            "query": text,
            "results": results,
            "is_territory_search": scope.is_territory,
            # base.html asks for the page's translations; a search page is no Wagtail page.
            "page": None,
        },
    )
