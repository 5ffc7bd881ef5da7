"""Italian identifiers built with their real algorithms: partita IVA and codice fiscale.

Both are validated with python-stdnum, so a generated code is one an Italian form accepts.
"""

import datetime
import random
import unicodedata

from stdnum import luhn
from stdnum.it import codicefiscale, iva

MONTH_LETTERS = "ABCDEHLMPRST"
VOWELS = set("AEIOU")

# Province codes of the tax office, the 8th to 10th digits of a partita IVA.
PROVINCE_OFFICE = {"BG": "016", "BS": "017"}


def partita_iva(*, rng: random.Random, province: str = "BG") -> str:
    """An 11-digit partita IVA: company number, province office, Luhn check digit."""
    body = f"{rng.randint(1, 9_999_999):07d}{PROVINCE_OFFICE.get(province, '016')}"
    number = body + luhn.calc_check_digit(body)
    return iva.validate(number)


def _letters(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in plain.upper() if ch.isalpha())


def _split(text: str) -> tuple[str, str]:
    letters = _letters(text)
    consonants = "".join(ch for ch in letters if ch not in VOWELS)
    vowels = "".join(ch for ch in letters if ch in VOWELS)
    return consonants, vowels


def _surname_code(last_name: str) -> str:
    consonants, vowels = _split(last_name)
    return (consonants + vowels + "XXX")[:3]


def _name_code(first_name: str) -> str:
    consonants, vowels = _split(first_name)
    if len(consonants) >= 4:
        # A first name with four or more consonants skips the second one.
        return consonants[0] + consonants[2] + consonants[3]
    return (consonants + vowels + "XXX")[:3]


def codice_fiscale(
    *, first_name: str, last_name: str, birth_date: datetime.date, female: bool, place_code: str
) -> str:
    """The 16-character codice fiscale (DM 23/12/1976) for a person.

    ``place_code`` is the cadastral (Belfiore) code of the birth municipality, or the
    Z-code of the country for people born abroad. Omocodia is not handled: callers keep
    generated codes unique.
    """
    day = birth_date.day + (40 if female else 0)
    body = (
        _surname_code(last_name)
        + _name_code(first_name)
        + f"{birth_date.year % 100:02d}"
        + MONTH_LETTERS[birth_date.month - 1]
        + f"{day:02d}"
        + place_code.upper()
    )
    return codicefiscale.validate(body + codicefiscale.calc_check_digit(body))
