"""CSV and XLSX of a report Table: the same header and rows the page shows (tablib, openpyxl)."""

import tablib
from django.http import HttpResponse
from django.utils.text import slugify

from shop.core.spreadsheet import spreadsheet_dataset, spreadsheet_response


def table_dataset(table) -> tablib.Dataset:
    headers, rows = table.as_lists()
    return spreadsheet_dataset(headers=headers, rows=rows, title=table.title)


def table_response(table, *, fmt: str, prefix: str = "report") -> HttpResponse:
    return spreadsheet_response(dataset=table_dataset(table), fmt=fmt, name=slugify(f"{prefix}-{table.slug}"))
