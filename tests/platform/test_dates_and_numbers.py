"""Dates, numbers and Django's own messages in kk and ru.

Django ships no kk formats and only part of a kk catalogue: the formats come
from mektep/formats/kk (FORMAT_MODULE_PATH), the messages from locale/vendor.
"""

import datetime
from decimal import Decimal

from django import forms
from django.core.validators import EmailValidator
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format

import pytest

DAY = datetime.date(2026, 11, 23)


def render(lang, source, **context):
    with translation.override(lang):
        return Template("{% load humanize %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "23 қараша 2026 ж."), ("ru", "23 ноября 2026 г."), ("en", "Nov. 23, 2026")],
)
def test_date_filter_default_format(lang, expected):
    assert render(lang, "{{ d|date }}", d=DAY) == expected


def test_kk_month_names_nominative_and_in_dates():
    with translation.override("kk"):
        # Calendar headings use the capitalised nominative, dates the lower case.
        assert date_format(DAY, "F") == "Қараша"
        assert date_format(DAY, "MONTH_DAY_FORMAT") == "23 қараша"
        assert date_format(DAY, "YEAR_MONTH_FORMAT") == "Қараша 2026 ж."
        assert date_format(DAY, "l") == "Дүйсенбі"
        assert date_format(datetime.date(2026, 1, 5), "DATE_FORMAT") == "5 қаңтар 2026 ж."
    with translation.override("ru"):
        assert date_format(DAY, "F") == "Ноябрь"
        assert date_format(datetime.date(2026, 3, 8), "DATE_FORMAT") == "8 марта 2026 г."


def test_datetime_and_short_formats():
    moment = datetime.datetime(2026, 11, 23, 14, 5)
    assert render("kk", "{{ m|date:'DATETIME_FORMAT' }}", m=moment) == "23 қараша 2026 ж. 14:05"
    assert render("kk", "{{ m|date:'SHORT_DATE_FORMAT' }}", m=moment) == "23.11.2026"
    assert render("ru", "{{ m|date:'SHORT_DATETIME_FORMAT' }}", m=moment) == "23.11.2026 14:05"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_numbers(lang, settings):
    settings.USE_THOUSAND_SEPARATOR = True
    with translation.override(lang):
        assert number_format(Decimal("1234567.5"), 1) == "1\xa0234\xa0567,5"
    assert render(lang, "{{ n|intcomma }}", n=1234567) == "1\xa0234\xa0567"


def test_humanize_kk_and_ru():
    now = timezone.now()
    assert render("kk", "{{ t|naturaltime }}", t=now - datetime.timedelta(hours=3)) == (
        "3\xa0сағат бұрын"
    )
    assert render("kk", "{{ t|naturaltime }}", t=now - datetime.timedelta(minutes=1)) == (
        "бір минут бұрын"
    )
    assert render("kk", "{{ t|naturaltime }}", t=now + datetime.timedelta(days=2, minutes=1)) == (
        "2\xa0күннен кейін"
    )
    assert render("ru", "{{ t|naturaltime }}", t=now - datetime.timedelta(hours=3)) == (
        "3\xa0часа назад"
    )
    assert render("kk", "{{ n|intword }}", n=3_000_000) == "3,0 миллион"
    assert render("kk", "{{ n|ordinal }}", n=6) == "6-шы"
    assert render("kk", "{{ n|apnumber }}", n=5) == "бес"


class Form(forms.Form):
    name = forms.CharField()
    day = forms.DateField()
    count = forms.IntegerField(min_value=1)


def test_django_validation_messages_in_kk_from_vendor_catalogue():
    with translation.override("kk"):
        form = Form(data={"day": "32.13.2026", "count": "0"})
        assert not form.is_valid()
        assert form.errors["name"] == ["Бұл өрісті толтыру міндетті."]
        assert form.errors["day"] == ["Дұрыс күнді енгізіңіз."]
        assert "1" in form.errors["count"][0] and "Ensure" not in form.errors["count"][0]
        # A message Django's own kk catalogue lacks: it can only come from locale/vendor.
        assert str(EmailValidator.message) == ("Дұрыс электрондық пошта мекенжайын енгізіңіз.")
        # Kazakh dates are accepted in the form fields too.
        assert Form(data={"name": "x", "day": "23.11.2026", "count": "2"}).is_valid()


def test_django_validation_messages_in_ru():
    with translation.override("ru"):
        assert Form(data={}).errors["name"] == ["Требуется заполнить это поле."]


def test_explicit_day_month_year_in_templates():
    # Public templates (news, events) write dates as "j E Y".
    assert render("kk", "{{ d|date:'j E Y' }}", d=DAY) == "23 қараша 2026"
    assert render("ru", "{{ d|date:'j E Y' }}", d=DAY) == "23 ноября 2026"


def test_dates_in_an_email_template_kk_and_ru(settings):
    # An e-mail template of the platform (maintenance notice subject), rendered in the
    # recipient's language, in Almaty time.
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    starts = timezone.make_aware(datetime.datetime(2026, 11, 23, 22, 30))
    window = SimpleNamespace(starts_at=starts)
    with translation.override("kk"):
        kk = render_to_string("sites_notices/maintenance_subject.txt", {"window": window})
    with translation.override("ru"):
        ru = render_to_string("sites_notices/maintenance_subject.txt", {"window": window})
    assert "23 қараша 2026 ж. 22:30" in kk
    assert "23 ноября 2026 г. 22:30" in ru
