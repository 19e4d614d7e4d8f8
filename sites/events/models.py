"""School events: a calendar page (upcoming / past, month filter, iCal feed) and event pages
with participation applications (applications.py).

Events are ordinary Wagtail pages translated with wagtail-localize, so each language version
is a page of its own. Capacity is shared by every language version of an event: the places
are counted over the applications of all pages with the event's translation key."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from sites.pages.models import BodyBlock

from .applications import ApplicationStatus, EventApplication
from .calendar import calendar_response
from .page_serving import EventPageServingMixin

__all__ = ["ApplicationStatus", "EventApplication", "EventIndexPage", "EventPage"]

# Events happen in Kazakhstan; their times are entered and shown in Almaty time whatever the
# server's or the visitor's timezone.
EVENT_TZ = ZoneInfo("Asia/Almaty")


def month_bounds(value):
    """'2026-12' -> (aware start, aware end) of that month in Almaty time, or None."""
    try:
        first = datetime.strptime(value, "%Y-%m")
    except (TypeError, ValueError):
        return None
    if not 2000 <= first.year <= 2100:
        return None
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first.replace(tzinfo=EVENT_TZ), following.replace(tzinfo=EVENT_TZ)


class EventIndexPage(RoutablePageMixin, Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    items_per_page = models.PositiveSmallIntegerField(
        _("events per page"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("items_per_page")]
    parent_page_types = [
        "sites_pages.SchoolHomePage",
        "sites_pages.PortalHomePage",
        "sites_pages.ContentPage",
    ]
    subpage_types = ["sites_events.EventPage"]
    template = "sites_events/event_index_page.html"

    class Meta:
        verbose_name = _("events calendar")

    def events(self):
        return EventPage.objects.child_of(self).live().public().select_related("cover_image")

    @path("")
    def listing(self, request):
        now = timezone.now()
        past = request.GET.get("when") == "past"
        events = self.events()
        month = request.GET.get("month", "").strip()[:7]
        bounds = month_bounds(month) if month else None
        if month and bounds is None:
            messages.warning(request, gettext("Choose a month as YYYY-MM, e.g. 2026-12."))
            month = ""
        if bounds:
            # A month shows everything in it, past and upcoming, in date order.
            events = events.filter(start__gte=bounds[0], start__lt=bounds[1]).order_by("start")
        elif past:
            events = events.filter(end__lt=now).order_by("-start", "-pk")
        else:
            events = events.filter(end__gte=now).order_by("start", "pk")
        page_obj = Paginator(events, self.items_per_page or 10).get_page(request.GET.get("page"))
        query = "&".join(
            f"{k}={v}" for k, v in (("when", "past" if past else ""), ("month", month)) if v
        )
        return self.render(
            request,
            context_overrides={
                "events_page": page_obj,
                "past": past,
                "month": month,
                "filter_query": query,
            },
        )

    # Reached as .../calendar.ics through urls.py: Wagtail's page URLs refuse a dot.
    @path("calendar.ics/")
    def calendar_ics(self, request):
        # Upcoming events and those of the last 90 days: what a subscribed calendar needs.
        since = timezone.now() - timedelta(days=90)
        events = self.events().filter(end__gte=since).order_by("start")[:500]
        return calendar_response(request, self.title, events, "calendar.ics")


class EventPage(EventPageServingMixin, RoutablePageMixin, Page):
    start = models.DateTimeField(_("starts at"), help_text=_("Almaty time."))
    end = models.DateTimeField(_("ends at"), help_text=_("Almaty time."))
    place = models.CharField(_("place"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applications_enabled = models.BooleanField(_("accept applications"), default=False)
    capacity = models.PositiveIntegerField(
        _("places"),
        default=0,
        help_text=_("Number of participants; 0 means no limit."),
    )
    application_deadline = models.DateTimeField(
        _("applications until"), null=True, blank=True, help_text=_("Almaty time.")
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Date and time")),
        FieldRowPanel([FieldPanel("place"), FieldPanel("address")]),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("applications_enabled"),
                FieldPanel("capacity"),
                FieldPanel("application_deadline"),
            ],
            heading=_("Participation applications"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("place"),
        index.SearchField("body"),
    ]
    parent_page_types = ["sites_events.EventIndexPage"]
    subpage_types = []
    template = "sites_events/event_page.html"

    class Meta:
        verbose_name = _("event")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": gettext("The event cannot end before it starts.")})

    @property
    def local_start(self):
        return timezone.localtime(self.start, EVENT_TZ)

    @property
    def local_end(self):
        return timezone.localtime(self.end, EVENT_TZ)

    @property
    def is_past(self):
        return self.end < timezone.now()

    def application_source(self):
        """The Kazakh (source) version of the event: its applications switch, places and
        deadline hold for every language version, as the places are shared."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        source = EventPage.objects.filter(
            translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        return source or self

    def applications_open(self):
        source = self.application_source()
        if not source.applications_enabled or self.is_past:
            return False
        deadline = source.application_deadline
        return deadline is None or timezone.now() <= deadline

    def all_applications(self):
        """Applications to every language version of this event."""
        return EventApplication.objects.filter(event__translation_key=self.translation_key)

    def places_taken(self):
        taken = self.all_applications().filter(status=ApplicationStatus.CONFIRMED)
        return taken.aggregate(n=models.Sum("participants"))["n"] or 0

    def places_left(self):
        capacity = self.application_source().capacity
        if not capacity:
            return None
        return max(capacity - self.places_taken(), 0)

    # Reached as .../event.ics through urls.py: Wagtail's page URLs refuse a dot.
    @path("event.ics/")
    def event_ics(self, request):
        return calendar_response(request, self.title, [self], f"{self.slug}.ics")

    def structured_data(self, request):
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "startDate": self.local_start.isoformat(),
            "endDate": self.local_end.isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "url": self.get_full_url(request),
            "location": {
                "@type": "Place",
                "name": self.place or (request.site.site_name if request.site else ""),
                "address": self.address or self.place,
            },
        }
        if self.summary:
            data["description"] = self.summary
        if self.cover_image_id:
            rendition = self.cover_image.get_rendition("width-960")
            data["image"] = request.build_absolute_uri(rendition.url)
        school = getattr(request, "school", None)
        if school:
            data["organizer"] = {
                "@type": "Organization",
                "name": school.name,
                "url": request.site.root_url,
            }
        return data
