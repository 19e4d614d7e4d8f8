from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from accounts.identity_numbers import control_digit, is_valid_bin, is_valid_iin, validate_iin
from schools.factories import make_bin


def _iin(prefix):
    return prefix + str(control_digit(prefix))


def test_valid_iin_checksum():
    iin = _iin("90010130012")
    assert is_valid_iin(iin)
    assert not is_valid_iin(iin[:-1] + str((int(iin[-1]) + 1) % 10))


@pytest.mark.parametrize("value", ["", "123", "abcdefghijkl", "901301300123", "9001013001234"])
def test_invalid_iin_shapes(value):
    assert not is_valid_iin(value)


def test_bin_checksum_and_type():
    assert is_valid_bin(make_bin(7))
    assert not is_valid_bin("100110012345")  # entity type digit 1 is not a legal entity


def test_invalid_iin_message_is_translated():
    messages = {}
    for language in ("kk", "ru", "en"):
        with translation.override(language), pytest.raises(ValidationError) as error:
            validate_iin("123")
        with translation.override(language):
            messages[language] = str(error.value.messages[0])
    assert "IIN" in messages["en"]
    assert "ЖСН" in messages["kk"]
    assert "ИИН" in messages["ru"]
