"""Kazakhstan's 12-digit identification numbers: IIN (people) and BIN (organisations).

Both end in a control digit computed with two weight sequences modulo 11; a number whose
control comes out as 10 with both sequences is never issued."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_WEIGHTS_FIRST = tuple(range(1, 12))
_WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def control_digit(first_eleven: str) -> int | None:
    """The control digit of an 11-digit prefix, or None when the prefix can have none."""
    digits = [int(c) for c in first_eleven]
    for weights in (_WEIGHTS_FIRST, _WEIGHTS_SECOND):
        control = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if control != 10:
            return control
    return None


def _has_valid_control(number: str) -> bool:
    return control_digit(number[:11]) == int(number[11])


def is_valid_iin(value: str) -> bool:
    if not (isinstance(value, str) and len(value) == 12 and value.isdigit()):
        return False
    century_digit = int(value[6])
    if century_digit not in range(0, 7):
        return False
    # 0 is used for foreigners without a known birth date; otherwise the first six digits
    # are the birth date YYMMDD.
    if century_digit:
        century = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}[century_digit]
        try:
            datetime.date(century + int(value[0:2]), int(value[2:4]), int(value[4:6]))
        except ValueError:
            return False
    return _has_valid_control(value)


def is_valid_bin(value: str) -> bool:
    if not (isinstance(value, str) and len(value) == 12 and value.isdigit()):
        return False
    # YYMM of registration, then the entity type: 4 resident, 5 non-resident legal entity,
    # 6 individual entrepreneur (joint venture).
    if not 1 <= int(value[2:4]) <= 12 or value[4] not in "456":
        return False
    return _has_valid_control(value)


def validate_iin(value):
    if not is_valid_iin(value):
        raise ValidationError(
            _("Enter a valid IIN: 12 digits with a correct birth date and control digit."),
            code="invalid_iin",
        )


def validate_bin(value):
    if not is_valid_bin(value):
        raise ValidationError(
            _("Enter a valid BIN: 12 digits with a correct registration month and control digit."),
            code="invalid_bin",
        )
