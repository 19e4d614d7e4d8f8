"""The platform-wide vacancy board: every school's open vacancies in the current language,
filtered by region, district and subject, twenty per page.

It answers on the platform host only; on a school's host the same path is an ordinary page
path (a school may have a vacancy with the slug "board"), so it is handed to Wagtail."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import views as wagtail_views
from wagtail.models import Locale

from schools.models import District, Portal, Region

from .models import VacancyPage
from .subjects import SUBJECTS

PER_PAGE = 20


UNKNOWN_CHOICE = {"invalid_choice": _("This choice is not in the list, so it is not applied.")}


class BoardFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False, error_messages=UNKNOWN_CHOICE)
    district = forms.ChoiceField(
        label=_("District or city"), required=False, error_messages=UNKNOWN_CHOICE
    )
    subject = forms.ChoiceField(label=_("Subject"), required=False, error_messages=UNKNOWN_CHOICE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        regions = sorted(Region.objects.all(), key=lambda r: r.name)
        self.fields["region"].choices = everything + [(r.code, r.name) for r in regions]
        districts = District.objects.select_related("region")
        region = self.data.get("region")
        if region:
            districts = districts.filter(region__code=region)
        districts = sorted(districts, key=lambda d: d.name)
        self.fields["district"].choices = everything + [(d.code, d.name) for d in districts]
        self.fields["subject"].choices = everything + list(SUBJECTS)


def is_platform_site(site):
    return site is not None and Portal.objects.filter(site=site, kind=Portal.Kind.PLATFORM).exists()


def board(request):
    if not is_platform_site(getattr(request, "site", None)):
        return wagtail_views.serve(request, request.path_info.split("/", 2)[-1])
    form = BoardFilterForm(request.GET or None)
    vacancies = (
        VacancyPage.objects.live()
        .public()
        .filter(
            locale=Locale.get_active(),
            valid_through__gte=timezone.localdate(),
            school__isnull=False,
        )
        .select_related("school__district__region", "school__site")
        .order_by("valid_through", "pk")
    )
    chosen = {}
    if form.is_bound:
        # The filters that are valid still apply; an unknown one is named on the page.
        form.is_valid()
        chosen = {k: v for k, v in form.cleaned_data.items() if v}
    if chosen.get("region"):
        vacancies = vacancies.filter(school__district__region__code=chosen["region"])
    if chosen.get("district"):
        vacancies = vacancies.filter(school__district__code=chosen["district"])
    if chosen.get("subject"):
        vacancies = vacancies.filter(subjects__contains=f",{chosen['subject']},")
    page_obj = Paginator(vacancies, PER_PAGE).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in chosen.items())
    return render(
        request,
        "sites_vacancies/board.html",
        {"form": form, "vacancies": page_obj, "filter_query": query},
        status=200 if not form.errors else 400,
    )
