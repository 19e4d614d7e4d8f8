"""Wagtail's page tests for the events calendar and event pages, in kk, ru and en; the
month filter, past/upcoming lists, iCal exports and the Event JSON-LD."""

import json
import re
from datetime import timedelta

from django.utils import timezone

from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from icalendar import Calendar

from schools.factories import DistrictFactory, create_school
from sites.events.models import EventIndexPage, EventPage
from sites.news.models import NewsIndexPage
from sites.pages.models import ContentPage, SchoolHomePage
from tests.conftest import SchoolAndAdminClient


def event_form_data(**overrides):
    data = {
        "title": "Ашық есік күні",
        "slug": "open-day",
        "start": "2030-05-10 10:00",
        "end": "2030-05-10 12:00",
        "place": "Акт залы",
        "address": "",
        "summary": "Қысқаша",
        "body": streamfield([]),
        "applications_enabled": "on",
        "capacity": "20",
        "application_deadline": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def index_form_data(**overrides):
    data = {"title": "Іс-шаралар", "slug": "events", "intro": "", "items_per_page": "10"}
    data["comments"] = inline_formset([])
    data.update(overrides)
    return nested_form_data(data)


class EventPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = create_school("ev-tests", district=DistrictFactory(code="ev-tests"))
        cls.home = cls.school.site.root_page.specific
        cls.index = EventIndexPage(title="Іс-шаралар", slug="events")
        cls.home.add_child(instance=cls.index)
        cls.index.save_revision().publish()
        start = timezone.now() + timedelta(days=5)
        cls.event = EventPage(
            title="Ашық есік күні",
            slug="open-day",
            start=start,
            end=start + timedelta(hours=2),
            place="Акт залы",
            summary="Мектеппен танысу",
        )
        cls.index.add_child(instance=cls.event)
        cls.event.save_revision().publish()
        past_start = timezone.now() - timedelta(days=40)
        cls.past = EventPage(
            title="Күзгі концерт",
            slug="concert",
            start=past_start,
            end=past_start + timedelta(hours=1),
        )
        cls.index.add_child(instance=cls.past)
        cls.past.save_revision().publish()
        for code in ("ru", "en"):
            locale = Locale.objects.get(language_code=code)
            for page in (cls.event, cls.past):
                page.copy_for_translation(locale, copy_parents=True).save_revision().publish()

    def setUp(self):
        super().setUp()
        self.client = SchoolAndAdminClient(self.school.site.hostname)

    def test_where_they_can_be_created(self):
        self.assertCanCreateAt(SchoolHomePage, EventIndexPage)
        self.assertCanCreateAt(ContentPage, EventIndexPage)
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(SchoolHomePage, EventPage)
        self.assertCanNotCreateAt(NewsIndexPage, EventPage)
        self.assertCanNotCreateAt(EventPage, ContentPage)

    def test_created_through_the_admin(self):
        self.login()
        self.assertCanCreate(self.index, EventPage, event_form_data(slug="new-event"))
        self.assertCanCreate(self.home, EventIndexPage, index_form_data(slug="events-2"))

    def test_end_before_start_is_refused(self):
        self.login()
        response = self.client.post(
            f"/admin/pages/add/sites_events/eventpage/{self.index.pk}/",
            event_form_data(slug="bad", end="2030-05-09 10:00"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(EventPage.objects.filter(slug="bad").exists())

    def test_renderable_editable_previewable(self):
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.event)
        self.assertPageIsEditable(self.event, post_data=event_form_data())
        self.assertPageIsPreviewable(self.event, post_data=event_form_data())
        self.assertPageIsEditable(self.index, post_data=index_form_data())
        self.assertPageIsPreviewable(self.index, post_data=index_form_data())

    def test_renders_in_three_languages_with_local_dates(self):
        month = {"kk": self.event.local_start.month, "ru": None, "en": None}
        del month
        for code in ("kk", "ru", "en"):
            response = self.client.get(f"/{code}/events/")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "open-day")
            self.assertNotContains(response, "/concert/")
            response = self.client.get(f"/{code}/events/open-day/")
            self.assertEqual(response.status_code, 200)
        self.assertContains(self.client.get("/ru/events/open-day/"), "время Алматы")
        self.assertContains(self.client.get("/kk/events/open-day/"), "Алматы уақыты")

    def test_past_list_and_month_filter(self):
        response = self.client.get("/kk/events/?when=past")
        self.assertContains(response, "/concert/")
        self.assertNotContains(response, "open-day")
        month = self.past.local_start.strftime("%Y-%m")
        response = self.client.get(f"/kk/events/?month={month}")
        self.assertContains(response, "/concert/")
        response = self.client.get("/ru/events/?month=13-2026")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ГГГГ-ММ")

    def test_ical_per_event_and_per_calendar(self):
        # The link on the event page leads to the file, with or without a trailing slash.
        page = self.client.get("/kk/events/open-day/").content.decode()
        link = re.search(r'href="([^"]*event\.ics)"', page).group(1)
        self.assertEqual(link, "/kk/events/open-day/event.ics")
        for url in (link, link + "/"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
            self.assertIn('filename="open-day.ics"', response["Content-Disposition"])
            events = Calendar.from_ical(response.content).walk("VEVENT")
            self.assertEqual(len(events), 1)
            self.assertEqual(str(events[0]["summary"]), "Ашық есік күні")
            self.assertEqual(
                events[0].decoded("dtstart"), self.event.local_start.replace(microsecond=0)
            )
            self.assertTrue(str(events[0]["url"]).endswith("/kk/events/open-day/"))
        # Each language version is the same event (one UID) with its own address.
        english = Calendar.from_ical(self.client.get("/en/events/open-day/event.ics").content)
        self.assertEqual(english.walk("VEVENT")[0]["uid"], events[0]["uid"])
        index = self.client.get("/kk/events/").content.decode()
        link = re.search(r'href="([^"]*calendar\.ics)"', index).group(1)
        response = self.client.get(link)
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        summaries = {str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
        self.assertEqual(summaries, {"Ашық есік күні", "Күзгі концерт"})
        # Only event pages have event.ics, only calendars have calendar.ics.
        self.assertEqual(self.client.get("/kk/events/event.ics").status_code, 404)
        self.assertEqual(self.client.get("/kk/events/open-day/calendar.ics").status_code, 404)
        self.assertEqual(self.client.get("/kk/events/no-such-event/event.ics").status_code, 404)

    def test_event_jsonld(self):
        content = self.client.get("/en/events/open-day/").content.decode()
        found = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
        data = [json.loads(b) for b in blocks]
        event = next(d for d in data if d.get("@type") == "Event")
        self.assertTrue(found)
        self.assertEqual(event["location"]["name"], "Акт залы")
        self.assertTrue(event["startDate"].endswith("+05:00"))
