"""The roster CSV: its columns, its template and how a file becomes Employee rows.

Parsing and row validation go through django-import-export (tablib underneath); the service
``roster_import`` in services.py decides that a file with any bad row writes nothing.
"""

import codecs
import csv
import datetime
import io

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from shop.eligibility.exceptions import RowError
from shop.eligibility.models import Employee, Employer
from shop.eligibility.validators import normalise_codice_fiscale
from shop.km0.models import Municipality

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
        if instance.end_date and instance.start_date and instance.end_date < instance.start_date:
            errors["end_date"] = [_("The end date comes before the start date.")]
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


def load_dataset(content: bytes) -> tuple[tablib.Dataset, list[int]]:
    """The file as a tablib Dataset plus the physical line number of each data row.

    Accepts UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's "Unicode text") or
    Windows-1252, comma or semicolon separated. Anything else (a spreadsheet renamed .csv, a
    file with NUL characters, which no text column may hold) is refused with one message.
    Blank lines are dropped but line numbers stay those of the file, so errors point at the
    right line.
    """
    text = _decode(content)
    if text is None or "\x00" in text:
        raise ValueError(_('This is not a text CSV file: save it from Excel as "CSV UTF-8".'))
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
    dataset.headers = [(h or "").strip().lower() for h in dataset.headers]
    missing = [c for c in REQUIRED_COLUMNS if c not in dataset.headers]
    if missing:
        raise ValueError(
            _("Columns missing from the first line: %(columns)s. Start from the template.")
            % {"columns": ", ".join(missing)}
        )
    return dataset, [n for n, _line in numbered[1:]]


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
