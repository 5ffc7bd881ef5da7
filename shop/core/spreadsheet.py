"""Text written into CSV and XLSX exports, and the export responses themselves.

A cell starting with ``=``, ``+``, ``-`` or ``@`` is run as a formula by Excel and LibreOffice,
so a name typed on a form or imported from a roster (``=HYPERLINK(...)``) would act inside the
HR office's spreadsheet. Such text gets a leading apostrophe: shown, never run (OWASP "CSV
injection"). Numbers are written as numbers and are not passed through here.

CSV goes out as UTF-8 with a byte-order mark, so Italian Excel opens accented names right.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

import tablib
from django.http import HttpResponse
from django.utils import timezone

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def spreadsheet_cell(value):
    # Decimals stay exact in CSV (str) and numeric in XLSX (tablib writes them through openpyxl).
    if value is None:
        return ""
    if isinstance(value, Decimal | int | float):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if timezone.is_aware(value) else value
    return spreadsheet_text(str(value))


def spreadsheet_dataset(*, headers, rows, title: str = "") -> tablib.Dataset:
    dataset = tablib.Dataset(headers=[str(h) for h in headers], title=str(title)[:31])
    for row in rows:
        dataset.append([spreadsheet_cell(value) for value in row])
    return dataset


def spreadsheet_response(*, dataset: tablib.Dataset, fmt: str, name: str) -> HttpResponse:
    """``name.xlsx`` or ``name.csv`` (UTF-8 with BOM) as an attachment."""
    if fmt == "xlsx":
        response = HttpResponse(dataset.export("xlsx"), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(BOM + dataset.export("csv"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


BOM = "\ufeff"
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def csv_made_safe(content: bytes, *, charset: str = "utf-8") -> bytes:
    """A CSV written by someone else's code (Oscar's dashboard), made as ours are: every text
    cell neutralised (numbers, negative ones included, stay numbers) and UTF-8 with a BOM."""
    text = content.decode(charset).removeprefix(BOM)
    out = io.StringIO()
    writer = csv.writer(out)  # Oscar writes Excel's comma dialect
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([cell if _NUMBER.fullmatch(cell) else spreadsheet_text(cell) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")
