"""iCalendar (RFC 5545) export of events, built with the icalendar library."""

from django.http import HttpResponse

from icalendar import Calendar, Event


def build_calendar(request, name, events):
    calendar = Calendar()
    calendar.add("prodid", "-//Mektep//Events//KK")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Almaty")
    host = request.get_host().split(":")[0]
    for page in events:
        item = Event()
        # One UID for all language versions: a calendar app shows one event, not three.
        item.add("uid", f"{page.translation_key}@{host}")
        item.add("summary", page.title)
        item.add("dtstart", page.local_start)
        item.add("dtend", page.local_end)
        item.add("dtstamp", page.last_published_at or page.local_start)
        location = ", ".join(part for part in (page.place, page.address) if part)
        if location:
            item.add("location", location)
        if page.summary:
            item.add("description", page.summary)
        item.add("url", page.get_full_url(request))
        calendar.add_component(item)
    return calendar


def calendar_response(request, name, events, filename):
    response = HttpResponse(
        build_calendar(request, name, events).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
