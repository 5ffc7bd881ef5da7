import pytest
from django.core.exceptions import ValidationError

from shop.eligibility.validators import validate_codice_fiscale, validate_partita_iva


def test_partita_iva_with_right_check_digit_is_accepted():
    validate_partita_iva("00743110157")


@pytest.mark.parametrize("value", ["00743110158", "0074311015", "ABCDEFGHIJK"])
def test_partita_iva_with_wrong_check_digit_or_format_is_refused(value):
    with pytest.raises(ValidationError):
        validate_partita_iva(value)


def test_codice_fiscale_with_right_check_character_is_accepted():
    validate_codice_fiscale("RSSMRA85T10A562S")


@pytest.mark.parametrize(
    "value",
    [
        "RSSMRA85T10A562T",  # wrong check character
        "RSSMRA85T10A562",  # too short
        "00743110157",  # a company's code, not a person's
        "RSSMRA85T99A562S",  # impossible birth day
    ],
)
def test_bad_codice_fiscale_is_refused(value):
    with pytest.raises(ValidationError):
        validate_codice_fiscale(value)
