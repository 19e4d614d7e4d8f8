"""Admin view: browse other schools' news and republish an item on one's own site."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wagtail.models import Page

from schools.tenancy import sites_for_user

from .aggregation import visible_entries
from .forms import NewsBrowseForm, RepublishForm, news_indexes_for
from .republish import republish

PER_PAGE = 30


def browsable_entries(user):
    """Publicly visible original news of every site except the user's own (restricted news
    is for its own audience: it is never offered for republishing)."""
    return (
        visible_entries()
        .filter(is_original=True)
        .exclude(site__in=sites_for_user(user))
        .select_related("school", "district")
    )


def _source_pages(user):
    return Page.objects.filter(pk__in=browsable_entries(user).values("page_id"))


def browse(request):
    if not sites_for_user(request.user).exists():
        raise PermissionDenied
    form = NewsBrowseForm(request.GET or None)
    entries = browsable_entries(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            entries = entries.filter(title__icontains=data["q"])
        if data["school"]:
            entries = entries.filter(school=data["school"])
        if data["district"]:
            entries = entries.filter(district=data["district"])
        if data["date_from"]:
            entries = entries.filter(date__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(date__date__lte=data["date_to"])
        if data["language"]:
            entries = entries.filter(language=data["language"])
    page = Paginator(entries.order_by("-date", "-pk"), PER_PAGE).get_page(request.GET.get("p"))
    republish_form = RepublishForm(user=request.user, source_pages=_source_pages(request.user))
    return TemplateResponse(
        request,
        "sites_syndication/admin/browse.html",
        {
            "form": form,
            "entries": page,
            "republish_form": republish_form,
            "has_targets": news_indexes_for(request.user).exists(),
        },
    )


@require_POST
def republish_view(request):
    form = RepublishForm(request.POST, user=request.user, source_pages=_source_pages(request.user))
    if not form.is_valid():
        messages.error(request, _("The news item could not be republished: %(errors)s") % {
            "errors": "; ".join(str(e) for errors in form.errors.values() for e in errors)
        })  # fmt: skip
        return redirect("syndication_browse")
    target = form.cleaned_data["target"].specific
    if not target.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    origin = form.cleaned_data["page"].specific
    results = republish(
        origin, target, mode=form.cleaned_data["mode"], publish=form.cleaned_data["publish"]
    )
    if results:
        messages.success(
            request,
            ngettext(
                "“%(title)s” is republished in %(count)s language.",
                "“%(title)s” is republished in %(count)s languages.",
                len(results),
            )
            % {"title": origin.title, "count": len(results)},
        )
    else:
        messages.warning(
            request,
            _("Your site has no news section in the languages of “%(title)s”.")
            % {"title": origin.title},
        )
    return redirect("syndication_browse")
