"""The roster CSV: its columns, its template and how a file becomes Employee rows.

Parsing and row validation go through django-import-export (tablib underneath); the service
``roster_import`` in services.py decides that a file with any bad row writes nothing.
"""

import codecs
import csv
import datetime
import io
import unicodedata
from dataclasses import dataclass

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from shop.core.validators import period_problem
from shop.eligibility.exceptions import RowError
from shop.eligibility.models import Employee, Employer
from shop.eligibility.validators import normalise_codice_fiscale
from shop.territory.models import Municipality

# Column headers as HR offices write them (Italian), mapped to Employee fields.
COLUMNS = {
    "nome": "first_name",
    "cognome": "last_name",
    "codice_fiscale": "codice_fiscale",
    "email_lavoro": "work_email",
    "comune_residenza": "home_municipality",
    "data_inizio": "start_date",
    "data_fine": "end_date",
}
REQUIRED_COLUMNS = [c for c in COLUMNS if c != "data_fine"]
# What each roster column holds, in words, for the column-choice step of the import.
COLUMN_LABELS = {
    "nome": gettext_lazy("First name"),
    "cognome": gettext_lazy("Last name"),
    "codice_fiscale": gettext_lazy("Codice fiscale"),
    "email_lavoro": gettext_lazy("Work email"),
    "comune_residenza": gettext_lazy("Home municipality"),
    "data_inizio": gettext_lazy("Start date of employment"),
    "data_fine": gettext_lazy("End date of employment (optional)"),
}
# How payroll software and Excel sheets usually name each column, besides the template's own
# name; compared without case, accents, spaces or punctuation (normalise_header).
HEADER_WORDINGS = {
    "nome": ("Nome", "Nome dipendente", "Nome di battesimo", "First name"),
    "cognome": ("Cognome", "Cognome dipendente", "Last name", "Surname"),
    "codice_fiscale": (
        "Codice fiscale",
        "Cod. fiscale",
        "Cod. fisc.",
        "C.F.",
        "CF",
        "Codice fiscale dipendente",
        "Cod. fiscale dipendente",
        "Tax code",
    ),
    "email_lavoro": (
        "E-mail aziendale",
        "Email aziendale",
        "Mail aziendale",
        "Indirizzo e-mail aziendale",
        "E-mail di lavoro",
        "Email lavoro",
        "E-mail lavoro",
        "E-mail",
        "Email",
        "Mail",
        "Indirizzo e-mail",
        "Posta elettronica",
        "Posta elettronica aziendale",
        "Work email",
    ),
    "comune_residenza": (
        "Comune",
        "Comune di residenza",
        "Comune residenza",
        "Residenza",
        "Città",
        "Città di residenza",
        "Luogo di residenza",
        "Comune res.",
        "Home municipality",
    ),
    "data_inizio": (
        "Data di assunzione",
        "Data assunzione",
        "Assunzione",
        "Data assunz.",
        "Data inizio",
        "Data di inizio",
        "Data inizio rapporto",
        "Inizio rapporto",
        "Data decorrenza",
        "Decorrenza",
        "Data di inizio rapporto",
        "Start date",
    ),
    "data_fine": (
        "Data di cessazione",
        "Data cessazione",
        "Cessazione",
        "Data fine",
        "Data di fine",
        "Data fine rapporto",
        "Fine rapporto",
        "Data di fine rapporto",
        "Data scadenza contratto",
        "Scadenza contratto",
        "End date",
    ),
}
XLSX_MAGIC = b"PK\x03\x04"


def _not_text_csv() -> str:
    return _('This is not a text CSV file: save it from Excel as "CSV UTF-8".')


DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
TEMPLATE_EXAMPLE = [
    "Maria",
    "Rossi",
    "RSSMRA85T10A562S",
    "maria.rossi@example.it",
    "Lovere",
    "01/09/2024",
    "",
]


def roster_csv_template() -> str:
    """The downloadable template: the header and one example row, semicolon-separated for Excel."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS.keys())
    writer.writerow(TEMPLATE_EXAMPLE)
    return out.getvalue()


class ItalianDateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        text = str(value).strip()
        for fmt in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(_("%(value)s is not a date: write it as dd/mm/yyyy.") % {"value": text})


class MunicipalityWidget(widgets.Widget):
    """A municipality by ISTAT code, by "Name (PR)" or by name alone when that is unambiguous."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._by_name: dict[str, list[Municipality]] | None = None

    def _index(self) -> dict[str, list[Municipality]]:
        if self._by_name is None:
            self._by_name = {}
            for m in Municipality.objects.all():
                self._by_name.setdefault(m.name.casefold(), []).append(m)
                self._by_name.setdefault(m.istat_code, []).append(m)
                self._by_name.setdefault(f"{m.name} ({m.province})".casefold(), []).append(m)
        return self._by_name

    def clean(self, value, row=None, **kwargs):
        text = " ".join(str(value or "").split())
        if not text:
            raise ValueError(_("The home municipality is missing."))
        found = self._index().get(text.casefold(), [])
        if not found:
            raise ValueError(_("No municipality called %(name)s.") % {"name": text})
        if len(found) > 1:
            raise ValueError(
                _("More than one municipality is called %(name)s: add the province, e.g. %(example)s.")
                % {"name": text, "example": f"{found[0].name} ({found[0].province})"}
            )
        return found[0]


class CodiceFiscaleWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return normalise_codice_fiscale(str(value or ""))


class EmployeeResource(resources.ModelResource):
    first_name = fields.Field(attribute="first_name", column_name="nome", widget=widgets.CharWidget())
    last_name = fields.Field(attribute="last_name", column_name="cognome", widget=widgets.CharWidget())
    codice_fiscale = fields.Field(
        attribute="codice_fiscale", column_name="codice_fiscale", widget=CodiceFiscaleWidget()
    )
    work_email = fields.Field(attribute="work_email", column_name="email_lavoro", widget=widgets.CharWidget())
    home_municipality = fields.Field(
        attribute="home_municipality", column_name="comune_residenza", widget=MunicipalityWidget()
    )
    start_date = fields.Field(attribute="start_date", column_name="data_inizio", widget=ItalianDateWidget())
    end_date = fields.Field(attribute="end_date", column_name="data_fine", widget=ItalianDateWidget())

    class Meta:
        model = Employee
        fields = list(COLUMNS.values())
        import_id_fields = ["codice_fiscale"]
        force_init_instance = True  # an import adds people; editing is done one at a time
        clean_model_instances = True
        use_bulk = True  # one INSERT for the whole file
        skip_diff = True
        report_skipped = False

    def __init__(self, *, employer: Employer):
        super().__init__()
        self.employer = employer
        self._seen: dict[str, int] = {}
        # Checked here from one query instead of one uniqueness query per row; the database
        # constraint still refuses a duplicate written concurrently (the import then rolls back).
        self._on_roster = set(
            Employee.objects.filter(employer=employer).values_list("codice_fiscale", flat=True)
        )

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.employer = self.employer

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        cf = instance.codice_fiscale
        line = kwargs.get("row_number", 0) + 1
        if cf and "codice_fiscale" not in errors:
            if cf in self._on_roster:
                errors["codice_fiscale"] = [
                    _("The codice fiscale %(cf)s is already on the roster.") % {"cf": cf}
                ]
            elif cf in self._seen:
                errors["codice_fiscale"] = [
                    _("The codice fiscale %(cf)s is repeated (already on line %(line)s).")
                    % {"cf": cf, "line": self._seen[cf]}
                ]
            else:
                self._seen[cf] = line
        if problem := period_problem(instance.start_date, instance.end_date):
            errors["end_date"] = [problem]
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Field validation only: relations come from the widgets, uniqueness from import_instance."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude=[*errors, "employer", "home_municipality", "work_municipality", "user"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def _decode(content: bytes) -> str | None:
    encodings = ["utf-16"] if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else []
    for encoding in [*encodings, "utf-8-sig", "cp1252"]:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


@dataclass(frozen=True)
class RosterFile:
    """A roster file as read: its headers as written, its rows and each row's line in the file."""

    headers: list[str]
    rows: list[list[str]]
    line_numbers: list[int]


def _read_csv(content: bytes) -> RosterFile:
    text = _decode(content)
    if text is None or "\x00" in text:
        raise ValueError(_not_text_csv())
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip().strip(",;")]
    if not numbered:
        raise ValueError(_("The file is empty."))
    header = numbered[0][1]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    body = "\n".join(line for _n, line in numbered)
    try:
        dataset = tablib.Dataset().load(body, format="csv", delimiter=delimiter)
    except tablib.InvalidDimensions as exc:
        raise ValueError(
            _("Some lines have more or fewer cells than the first line: check the separators.")
        ) from exc
    except csv.Error as exc:  # e.g. an unclosed quote swallowing the rest of the file
        raise ValueError(_("The file cannot be read as CSV: check the quotes around the cells.")) from exc
    return RosterFile(
        headers=[(h or "").strip() for h in dataset.headers],
        rows=[[str(cell or "") for cell in row] for row in dataset],
        line_numbers=[n for n, _line in numbered[1:]],
    )


def _xlsx_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(content: bytes) -> RosterFile:
    """The first sheet of an Excel workbook; empty rows are dropped, line numbers are Excel's."""
    import openpyxl  # imported on use (tests/perf/test_startup_imports.py)

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        numbered = [
            (n, [_xlsx_cell(v) for v in row])
            for n, row in enumerate(sheet.iter_rows(values_only=True), 1)
            if any(_xlsx_cell(v) for v in row)
        ]
        workbook.close()
    except Exception as exc:  # openpyxl raises zip, XML and key errors alike on a damaged file
        raise ValueError(
            _("This Excel file cannot be read: open it in Excel and save it again as .xlsx or as CSV.")
        ) from exc
    if not numbered:
        raise ValueError(_("The file is empty."))
    width = max(i + 1 for _n, row in numbered for i, cell in enumerate(row) if cell)
    return RosterFile(
        headers=(numbered[0][1] + [""] * width)[:width],
        rows=[(row + [""] * width)[:width] for _n, row in numbered[1:]],
        line_numbers=[n for n, _row in numbered[1:]],
    )


def read_roster_file(content: bytes, *, filename: str = "") -> RosterFile:
    """A CSV or XLSX roster as headers and rows; ValueError with an Italian message otherwise.

    CSV: UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's "Unicode text") or
    Windows-1252, comma or semicolon separated. XLSX: the first sheet. Anything else (a
    file with NUL characters, which no text column may hold) is refused with one message.
    Blank lines are dropped but line numbers stay those of the file, so errors point at the
    right line.
    """
    if filename.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    if content.startswith(XLSX_MAGIC):  # a workbook renamed .csv: read it if it is one
        try:
            return _read_xlsx(content)
        except ValueError as exc:
            raise ValueError(_not_text_csv()) from exc
    return _read_csv(content)


def normalise_header(text: str) -> str:
    """A header without case, accents, spaces or punctuation: "E-mail aziendale" -> "emailaziendale"."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


_ALIASES = {
    column: {normalise_header(wording) for wording in (column, *wordings)}
    for column, wordings in HEADER_WORDINGS.items()
}


def match_columns(headers: list[str], *, remembered: dict[str, str] | None = None) -> dict[str, int]:
    """Which column of the file holds each template column (by index); unmatched ones are absent.

    An employer's remembered choice comes first, then the usual Italian wordings. A header
    that two columns would claim, or that appears twice, matches nothing: the HR contact chooses.
    """
    remembered = remembered or {}
    normalised = [normalise_header(h) for h in headers]
    matched: dict[str, int] = {}
    for column in COLUMNS:
        hits = [i for i, h in enumerate(normalised) if h and h == remembered.get(column)]
        if not hits:
            hits = [i for i, h in enumerate(normalised) if h in _ALIASES[column]]
        if len(hits) == 1:
            matched[column] = hits[0]
    indices = list(matched.values())
    return {column: i for column, i in matched.items() if indices.count(i) == 1}


def missing_columns(matched: dict[str, int]) -> list[str]:
    return [c for c in REQUIRED_COLUMNS if c not in matched]


def roster_dataset(table: RosterFile, columns: dict[str, int | None]) -> tablib.Dataset:
    """The file's rows under the template's column names, other columns left out."""
    chosen = [(column, i) for column, i in columns.items() if i is not None]
    dataset = tablib.Dataset(headers=[column for column, _i in chosen])
    for row in table.rows:
        dataset.append([row[i] if i < len(row) else "" for _column, i in chosen])
    return dataset


def row_errors(result, line_numbers: list[int]) -> list[RowError]:
    """Errors of an import result as (file line, Italian messages), in file order."""
    labels = {attr: col for col, attr in COLUMNS.items()}
    errors: dict[int, list[str]] = {}
    for invalid in result.invalid_rows:
        line = line_numbers[invalid.number - 1]
        for field, messages in invalid.error_dict.items():
            prefix = f"{labels[field]}: " if field in labels else ""
            errors.setdefault(line, []).extend(f"{prefix}{m}" for m in messages)
    for number, row_errs in result.row_errors():
        line = line_numbers[number - 1]
        errors.setdefault(line, []).extend(str(e.error) for e in row_errs)
    base = [str(e.error) for e in result.base_errors]
    out = [RowError(line=line, messages=msgs) for line, msgs in sorted(errors.items())]
    if base:
        out.append(RowError(line=0, messages=base))
    return out
