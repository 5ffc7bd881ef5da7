"""Validators for Italian identifiers: partita IVA and codice fiscale (python-stdnum)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.it import codicefiscale, iva


def normalise_codice_fiscale(value: str) -> str:
    return codicefiscale.compact(value or "")


def validate_partita_iva(value: str) -> None:
    """Eleven digits whose last one is the Luhn-style check digit of the first ten."""
    try:
        iva.validate(value)
    except InvalidChecksum as exc:
        raise ValidationError(
            _("The VAT number %(value)s has a wrong check digit."), code="checksum", params={"value": value}
        ) from exc
    except StdnumError as exc:
        raise ValidationError(
            _("A VAT number is made of 11 digits (%(value)s is not)."), code="format", params={"value": value}
        ) from exc


def validate_codice_fiscale(value: str) -> None:
    """A person's 16-character codice fiscale: format, birth date and check character.

    The 11-digit form belongs to companies, not to the people on a roster.
    """
    compact = normalise_codice_fiscale(value)
    if len(compact) != 16:
        raise ValidationError(
            _("A codice fiscale has 16 characters (%(value)s is not one)."),
            code="format",
            params={"value": value},
        )
    try:
        codicefiscale.validate(compact)
    except InvalidChecksum as exc:
        raise ValidationError(
            _("The codice fiscale %(value)s has a wrong check character."),
            code="checksum",
            params={"value": value},
        ) from exc
    except StdnumError as exc:
        raise ValidationError(
            _("The codice fiscale %(value)s is not well formed."), code="format", params={"value": value}
        ) from exc
