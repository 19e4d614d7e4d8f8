"""Dates of news in the reader's language: "2026 жылғы 23 қараша", "23 ноября 2026",
"23 November 2026". Django's own `E` format capitalises Kazakh month names and has no
Kazakh word order, so the month names and the order come from this app's catalogue."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy

register = template.Library()

MONTHS_GENITIVE = [
    pgettext_lazy("date of a news item", "January"),
    pgettext_lazy("date of a news item", "February"),
    pgettext_lazy("date of a news item", "March"),
    pgettext_lazy("date of a news item", "April"),
    pgettext_lazy("date of a news item", "May"),
    pgettext_lazy("date of a news item", "June"),
    pgettext_lazy("date of a news item", "July"),
    pgettext_lazy("date of a news item", "August"),
    pgettext_lazy("date of a news item", "September"),
    pgettext_lazy("date of a news item", "October"),
    pgettext_lazy("date of a news item", "November"),
    pgettext_lazy("date of a news item", "December"),
]


@register.filter
def news_date(value):
    if not value:
        return ""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    # Translators: word order of a date; kk: "{year} жылғы {day} {month}".
    return gettext("{day} {month} {year}").format(
        day=value.day, month=MONTHS_GENITIVE[value.month - 1], year=value.year
    )
