from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def cell(row: dict, column) -> str:
    """A table cell formatted by its column's kind (Italian number format); "< 5" and text as they are."""
    value = row.get(column.key)
    if value is None or value == "":
        return "–" if column.kind != "text" else ""
    if isinstance(value, str):
        return value
    if column.kind == "money":
        return number_format(Decimal(value), 2, force_grouping=True)
    if column.kind in ("percent", "km"):
        return number_format(Decimal(value), 1, force_grouping=True)
    if isinstance(value, Decimal):  # a figure in a text column (funder indicators)
        return number_format(value, max(-value.as_tuple().exponent, 0), force_grouping=True)
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    return str(value)
