"""Vacancies of a school: an index page and vacancy pages with an expiry date (after which
the vacancy leaves every list and its page says it is closed), JobPosting structured data,
and the platform-wide board (views.py) that gathers every school's open vacancies.

Each vacancy keeps the school it belongs to (set on save from the page's site), so the board
filters by region, district and subject with plain joins instead of walking page trees."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .subjects import SUBJECT_NAMES, SubjectsField, codes


class EmploymentType(models.TextChoices):
    FULL_TIME = "FULL_TIME", _("Full time")
    PART_TIME = "PART_TIME", _("Part time")
    TEMPORARY = "TEMPORARY", _("Temporary")
    INTERN = "INTERN", _("Internship")


class VacancyQuerySet(models.QuerySet):
    def open(self):
        return self.filter(valid_through__gte=timezone.localdate())


class VacancyIndexPage(Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = [
        "sites_pages.SchoolHomePage",
        "sites_pages.ContentPage",
    ]
    subpage_types = ["sites_vacancies.VacancyPage"]
    template = "sites_vacancies/vacancy_index_page.html"

    class Meta:
        verbose_name = _("vacancies")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        vacancies = (
            VacancyPage.objects.child_of(self)
            .live()
            .public()
            .filter(valid_through__gte=timezone.localdate())
            .order_by("valid_through", "pk")
        )
        context["vacancies"] = Paginator(vacancies, 20).get_page(request.GET.get("page"))
        return context


class VacancyPage(Page):
    position = models.CharField(_("position"), max_length=200)
    subjects = SubjectsField(_("subjects"))
    employment_type = models.CharField(
        _("employment type"),
        max_length=12,
        choices=EmploymentType.choices,
        default=EmploymentType.FULL_TIME,
    )
    salary_min = models.PositiveIntegerField(_("salary from, ₸"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salary up to, ₸"), null=True, blank=True)
    requirements = RichTextField(_("requirements"), blank=True)
    contacts = models.TextField(_("contacts"), blank=True, help_text=_("Phone, e-mail, person."))
    valid_through = models.DateField(
        _("open until"), help_text=_("After this day the vacancy disappears from the lists.")
    )
    school = models.ForeignKey(
        "mektep_schools.School",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("position"),
        FieldPanel("subjects"),
        FieldPanel("employment_type"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("salary_min"), FieldPanel("salary_max")])],
            heading=_("Salary (optional)"),
        ),
        FieldPanel("requirements"),
        FieldPanel("contacts"),
        FieldPanel("valid_through"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("position"),
        index.SearchField("requirements"),
    ]
    parent_page_types = ["sites_vacancies.VacancyIndexPage"]
    subpage_types = []
    template = "sites_vacancies/vacancy_page.html"

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")

    def clean(self):
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext

        super().clean()
        if self.salary_min and self.salary_max and self.salary_max < self.salary_min:
            raise ValidationError(
                {"salary_max": gettext("The upper salary cannot be lower than the lower one.")}
            )

    def save(self, *args, **kwargs):
        if self.school_id is None and self.path:
            from schools.models import School

            site = self.get_site()
            self.school = School.objects.filter(site=site).first() if site else None
        return super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.valid_through >= timezone.localdate()

    def subject_names(self):
        return [SUBJECT_NAMES[c] for c in codes(self.subjects) if c in SUBJECT_NAMES]

    def structured_data(self, request):
        data = {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": self.position or self.title,
            "description": self.requirements or self.position,
            "datePosted": (self.first_published_at or timezone.now()).date().isoformat(),
            "validThrough": f"{self.valid_through.isoformat()}T23:59:59+05:00",
            "employmentType": self.employment_type,
            "url": self.get_full_url(request),
        }
        own = getattr(request, "school", None)
        # On the school's own site the request's school and site are loaded already (with
        # district and region, from the site cache): no query for them.
        school = own if own and own.pk == self.school_id else self.school
        if school:
            site = request.site if school is own else school.site
            data["hiringOrganization"] = {
                "@type": "Organization",
                "name": school.name,
                "sameAs": site.root_url,
            }
            data["jobLocation"] = {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressRegion": school.district.region.name,
                    "addressLocality": school.district.name,
                    "addressCountry": "KZ",
                },
            }
        if self.salary_min or self.salary_max:
            value = {"@type": "QuantitativeValue", "unitText": "MONTH"}
            if self.salary_min:
                value["minValue"] = self.salary_min
            if self.salary_max:
                value["maxValue"] = self.salary_max
            data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "KZT", "value": value}
        return data

    def get_context(self, request, *args, **kwargs):
        from sites.seo.structured_data import jsonld_script

        context = super().get_context(request, *args, **kwargs)
        if self.is_open:
            context["structured_data"] = jsonld_script(self.structured_data(request))
        return context
