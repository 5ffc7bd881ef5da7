"""CSV and XLSX of a report Table: the same header and rows the page shows (tablib, openpyxl)."""

from decimal import Decimal

import tablib
from django.http import HttpResponse
from django.utils.text import slugify

from shop.core.spreadsheet import spreadsheet_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    # Decimals stay exact in CSV (str) and numeric in XLSX (tablib writes them through openpyxl).
    if value is None:
        return ""
    if isinstance(value, Decimal | int | float):
        return value
    return spreadsheet_text(str(value))


def table_dataset(table) -> tablib.Dataset:
    headers, rows = table.as_lists()
    dataset = tablib.Dataset(headers=headers, title=str(table.title)[:31])
    for row in rows:
        dataset.append([_cell(v) for v in row])
    return dataset


def table_response(table, *, fmt: str, prefix: str = "report") -> HttpResponse:
    dataset = table_dataset(table)
    name = slugify(f"{prefix}-{table.slug}")
    if fmt == "xlsx":
        response = HttpResponse(dataset.export("xlsx"), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    # A BOM lets Excel open the UTF-8 file with accented names intact.
    response = HttpResponse("\ufeff" + dataset.export("csv"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
