"""Kazakh date and number formats (Django ships none for kk).

Kazakh writes the day, the month in lower case and the year with «ж.»
(«23 қараша 2026 ж.»); the month name does not change after a day number, so
``E`` (the "alt. month" names, lower case in locale/vendor/kk) is used where
Russian needs the genitive.  24-hour clock, comma as decimal separator and a
non-breaking space between thousands, as in Kazakhstan's official documents.
"""

DATE_FORMAT = "j E Y ж."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y ж. H:i"
YEAR_MONTH_FORMAT = "F Y ж."
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # '23.11.2026'
    "%d.%m.%y",  # '23.11.26'
    "%Y-%m-%d",  # '2026-11-23' (HTML date inputs)
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",
    "%H:%M:%S.%f",
    "%H:%M",
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M:%S.%f",
    "%d.%m.%Y %H:%M",
    "%d.%m.%y %H:%M:%S",
    "%d.%m.%y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
