"""IIN and BIN control digits against numbers whose digits were worked out independently of
the module (by hand, from the published algorithm: weights 1..11, then 3..11,1,2 when the
first sum gives 10) and against real, published BINs of public companies. A wrong weight or
a wrong fall-back in accounts.identity_numbers fails here."""

import pytest

from accounts.identity_numbers import is_valid_bin, is_valid_iin

# IINs: YYMMDD, century/sex digit, serial, control digit.
VALID_IINS = [
    "900101300126",  # 9+4+6+21+10+22 = 72, 72 mod 11 = 6
    "850514400552",
    "010203501234",
    "140315600018",
    "771227304564",
    "600101400030",
    "031104507896",
    "900101300811",  # first sum 131 mod 11 = 10; second: 78 mod 11 = 1
    "900101300823",  # the second sequence again
]
# BINs published by the companies themselves (bank and telecom requisites).
PUBLISHED_BINS = [
    "940140000385",  # Halyk Bank
    "971240001315",  # Kaspi Bank
    "981140001551",  # Kazakhtelecom
    "990740002243",
    "000740001307",
    "020240000555",
    "940740000911",
    "990140000483",
]


@pytest.mark.parametrize("iin", VALID_IINS)
def test_valid_iins(iin):
    assert is_valid_iin(iin)


@pytest.mark.parametrize("iin", VALID_IINS)
def test_every_other_control_digit_is_refused(iin):
    for digit in "0123456789":
        if digit != iin[-1]:
            assert not is_valid_iin(iin[:-1] + digit)


def test_a_prefix_whose_both_sums_give_ten_is_never_issued():
    # 90010130080x: both weight sequences give 10, so no control digit exists.
    assert not any(is_valid_iin(f"90010130080{d}") for d in "0123456789")


@pytest.mark.parametrize(
    "iin",
    [
        "901301300126",  # month 13
        "900231300120",  # 31 February
        "900101700128",  # century digit 7
        "90010130012",  # 11 digits
        "9001013001266",  # 13 digits
        "90010130012a",
    ],
)
def test_invalid_iins(iin):
    assert not is_valid_iin(iin)


@pytest.mark.parametrize("bin_", PUBLISHED_BINS)
def test_published_bins(bin_):
    assert is_valid_bin(bin_)
    for digit in "0123456789":
        if digit != bin_[-1]:
            assert not is_valid_bin(bin_[:-1] + digit)
