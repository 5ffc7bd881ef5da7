"""Text written into CSV and XLSX exports.

A cell starting with ``=``, ``+``, ``-`` or ``@`` is run as a formula by Excel and LibreOffice,
so a name typed on a form or imported from a roster (``=HYPERLINK(...)``) would act inside the
HR office's spreadsheet. Such text gets a leading apostrophe: shown, never run (OWASP "CSV
injection"). Numbers are written as numbers and are not passed through here.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value
