"""Kazakhstan's working days: weekends, public holidays and the government's transfers, as
stored in `PublicHoliday`. Every deadline in the platform counts with these functions."""

import datetime

from .models import PublicHoliday


def _exceptions(start, end):
    rows = PublicHoliday.objects.filter(date__range=(start, end)).values_list("date", "kind")
    return dict(rows)


def is_working_day(day, exceptions=None):
    if exceptions is None:
        exceptions = _exceptions(day, day)
    kind = exceptions.get(day)
    if kind == PublicHoliday.Kind.WORKING_DAY:
        return True
    if kind in (PublicHoliday.Kind.HOLIDAY, PublicHoliday.Kind.DAY_OFF):
        return False
    return day.weekday() < 5


def add_working_days(start, days):
    """The date `days` working days after `start` (a date)."""
    # Read the calendar once for a window wide enough for any realistic deadline.
    exceptions = _exceptions(start, start + datetime.timedelta(days=days * 3 + 30))
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, exceptions):
            days -= 1
    return day


def working_days_between(start, end):
    """Working days after `start` up to and including `end`."""
    exceptions = _exceptions(start, end)
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day, exceptions)
    return count
