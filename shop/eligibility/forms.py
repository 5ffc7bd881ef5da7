from django import forms
from django.utils.translation import gettext_lazy as _

from shop.core.validators import check_period, period_problem
from shop.core.widgets import ItalianDateInput
from shop.eligibility.models import Employee, Employer, JoinRequest
from shop.eligibility.roster_import import COLUMN_LABELS
from shop.eligibility.selectors import employers_open_to_join
from shop.eligibility.validators import normalise_codice_fiscale, validate_codice_fiscale
from shop.territory.models import Municipality

MUNICIPALITY_DATALIST_ID = "municipality-names"
MAX_IMPORT_BYTES = 2 * 1024 * 1024


class MunicipalityNameField(forms.CharField):
    """A municipality chosen by typing its name (a datalist suggests "Name (PR)")."""

    default_error_messages = {
        "unknown": _("No municipality called %(name)s."),
        "ambiguous": _("More than one municipality is called %(name)s: choose one with its province."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 130)
        super().__init__(**kwargs)
        self.widget.attrs.update({"list": MUNICIPALITY_DATALIST_ID, "autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, Municipality):
            return f"{value.name} ({value.province})"
        if value and not isinstance(value, str):
            municipality = Municipality.objects.filter(pk=value).first()
            return f"{municipality.name} ({municipality.province})" if municipality else value
        return value

    def clean(self, value):
        text = " ".join((super().clean(value) or "").split())
        if not text:
            return None
        found = list(Municipality.objects.filter(istat_code=text))
        if not found and text.endswith(")") and " (" in text:
            name, province = text[:-1].rsplit(" (", 1)
            found = list(Municipality.objects.filter(name__iexact=name, province__iexact=province))
        if not found:
            found = list(Municipality.objects.filter(name__iexact=text))
        if not found:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"name": text})
        if len(found) > 1:
            raise forms.ValidationError(
                self.error_messages["ambiguous"], code="ambiguous", params={"name": text}
            )
        return found[0]


class CodiceFiscaleField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", _("Codice fiscale"))
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocapitalize": "characters", "spellcheck": "false"})

    def clean(self, value):
        value = normalise_codice_fiscale(super().clean(value) or "")
        if value:
            validate_codice_fiscale(value)
        return value


class EmployeeForm(forms.ModelForm):
    codice_fiscale = CodiceFiscaleField()
    home_municipality = MunicipalityNameField(label=_("Home municipality"))

    class Meta:
        model = Employee
        fields = [
            "first_name",
            "last_name",
            "codice_fiscale",
            "work_email",
            "home_municipality",
            "start_date",
            "end_date",
        ]
        widgets = {"start_date": ItalianDateInput(), "end_date": ItalianDateInput()}

    def __init__(self, *args, employer: Employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.employer = employer

    def clean_codice_fiscale(self):
        cf = self.cleaned_data["codice_fiscale"]
        clash = Employee.objects.filter(employer=self.employer, codice_fiscale=cf).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            raise forms.ValidationError(_("This codice fiscale is already on the roster."), code="duplicate")
        return cf

    def clean(self):
        cleaned = super().clean()
        if problem := period_problem(cleaned.get("start_date"), cleaned.get("end_date")):
            self.add_error("end_date", problem)
        return cleaned


class EndEmploymentForm(forms.Form):
    end_date = forms.DateField(label=_("Last day of employment"), widget=ItalianDateInput())

    def __init__(self, *args, employee: Employee, **kwargs):
        super().__init__(*args, **kwargs)
        self.employee = employee

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        check_period(self.employee.start_date, end)
        return end


class RosterImportForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_(
            "CSV (comma or semicolon separated) or Excel .xlsx, as your payroll software exports it; "
            "first line: the column names."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB: split it in parts."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(
                _("Upload a .csv or .xlsx file (save it from Excel as CSV or as Excel).")
            )
        return upload


class RosterColumnsForm(forms.Form):
    """One choice per roster column among the file's columns; the end date may be left out."""

    def __init__(self, *args, headers: list[str], required: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —"))] + [
            (str(i), header or _("Column %(number)s") % {"number": i + 1}) for i, header in enumerate(headers)
        ]
        for column, label in COLUMN_LABELS.items():
            self.fields[column] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=column in required,
                error_messages={"required": _("Choose the column that holds this.")},
            )

    def clean(self):
        cleaned = super().clean()
        seen: dict[str, str] = {}
        for column in COLUMN_LABELS:
            index = cleaned.get(column)
            if not index:
                continue
            if index in seen:
                self.add_error(
                    column,
                    _("The same column is already chosen for “%(other)s”.")
                    % {"other": COLUMN_LABELS[seen[index]]},
                )
            else:
                seen[index] = column
        return cleaned

    def columns(self) -> dict[str, int | None]:
        return {
            column: int(self.cleaned_data[column]) if self.cleaned_data.get(column) else None
            for column in COLUMN_LABELS
        }


class JoinRequestForm(forms.ModelForm):
    employer = forms.ModelChoiceField(label=_("Employer"), queryset=Employer.objects.none())
    codice_fiscale = CodiceFiscaleField()
    home_municipality = MunicipalityNameField(label=_("Home municipality"))

    class Meta:
        model = JoinRequest
        fields = ["employer", "first_name", "last_name", "codice_fiscale", "work_email", "home_municipality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers_open_to_join()


class JoinConfirmForm(forms.Form):
    start_date = forms.DateField(
        label=_("Employed from"),
        help_text=_("Used only if the person is not on the roster yet."),
        widget=ItalianDateInput(),
    )


class ResidenceForm(forms.Form):
    home_municipality = MunicipalityNameField(label=_("Home municipality"))
