"""iCalendar files of the events calendar and of each event: <page URL>calendar.ics and
<page URL>event.ics, with or without a trailing slash.

Wagtail's page URL pattern accepts only letters, digits, "-" and "_" in a path segment, so
a ".ics" name never reaches the pages' routes on its own; this pattern matches it and hands
the path to Wagtail's ordinary page serving (privacy, hooks and the page cache included),
where the page's route answers with the file."""

from django.urls import re_path

from wagtail import views as wagtail_views

app_name = "sites_events"


def ical(request, page_path, filename):
    return wagtail_views.serve(request, f"{page_path}{filename}.ics/")


urlpatterns = [
    re_path(r"^(?P<page_path>(?:[\w\-]+/)+)(?P<filename>event|calendar)\.ics/?$", ical, name="ical")
]
