"""When an event takes place, in the reader's language and in Almaty time:
"2026 жылғы 23 қараша, 10:00–12:00", "23 ноября 2026, 10:00–12:00". Day and month names
come from the news app's date filter, so both apps write dates the same way."""

from django import template
from django.utils.translation import gettext

from sites.news.templatetags.news_tags import news_date

register = template.Library()


@register.filter
def event_when(page):
    start, end = page.local_start, page.local_end
    if start.date() == end.date():
        # Translators: an event within one day: date, start and end time (Almaty time).
        return gettext("{date}, {start}–{end}").format(
            date=news_date(start), start=f"{start:%H:%M}", end=f"{end:%H:%M}"
        )
    # Translators: an event over several days: first day and time, last day and time.
    return gettext("{start_date}, {start} – {end_date}, {end}").format(
        start_date=news_date(start),
        start=f"{start:%H:%M}",
        end_date=news_date(end),
        end=f"{end:%H:%M}",
    )
