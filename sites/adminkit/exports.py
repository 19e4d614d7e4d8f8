"""The admin's CSV/XLSX export of records that come from public forms, built on Wagtail's
spreadsheet export (csv and openpyxl) with three changes a school needs:

- times in the platform's time zone (Almaty), not UTC, and without microseconds;
- choice fields as their label in the admin's language ("Answered", not "answered");
- CSV cells that a spreadsheet would run as a formula (=, @, or + and - before anything but
  a phone number) start with an apostrophe: the text came from anonymous visitors."""

import datetime
import re

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from wagtail.admin.views import generic

from .listing import RowLinksMixin

PHONE_OR_NUMBER = re.compile(r"^[+\-][\d\s()\-.]*$")


def _choices_field(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.choices else None


class ExportIndexView(RowLinksMixin, generic.IndexView):
    # Every row opens its record (listing.py).

    def get_filename(self):
        return f"{super().get_filename()}-{timezone.localdate():%Y-%m-%d}"

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for name in row:
            if _choices_field(self.model, name):
                row[name] = getattr(item, f"get_{name}_display")()
        return row

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            local = local.replace(microsecond=0)
            if export_format == self.FORMAT_XLSX:
                return local.replace(tzinfo=None)
            return local.strftime("%Y-%m-%d %H:%M")
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str) and _runs_as_formula(value):
            return "'" + value
        return value


def _runs_as_formula(text):
    if not text:
        return False
    if text[0] in "=@\t\r":
        return True
    return text[0] in "+-" and not PHONE_OR_NUMBER.match(text)
