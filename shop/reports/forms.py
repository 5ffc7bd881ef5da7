import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.core.widgets import ItalianDateInput
from shop.reports.selectors import Period, default_period, whole_year
from shop.territory.models import Area

MAX_DAYS = 366 * 5


class ReportFilterForm(forms.Form):
    """Period and area of a report, read from the query string (GET: nothing is written)."""

    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=ItalianDateInput(),
        error_messages={"invalid": _("Enter a valid date (e.g. 31/01/2026).")},
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=ItalianDateInput(),
        error_messages={"invalid": _("Enter a valid date (e.g. 31/12/2026).")},
    )
    area = forms.ChoiceField(
        label=_("Area"),
        required=False,
        choices=[("", _("Both areas")), *Area.choices],
        error_messages={"invalid_choice": _("Choose Val Cavallina, Basso Sebino or both.")},
    )

    def __init__(self, data=None, *, whole_periods: bool = False, **kwargs):
        # HR contacts: whole months, quarters or years only (Period.is_whole), whole year by default.
        self.whole_periods = whole_periods
        super().__init__(data, **kwargs)
        if whole_periods:
            # HR figures are for both areas only: one area subtracted from both gives the other.
            del self.fields["area"]
        for name in ("date_from", "date_to"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period must not be after its end."), code="order")
        if start and end and (end - start).days > MAX_DAYS:
            raise forms.ValidationError(_("Choose a period of at most five years."), code="too_long")
        if self.whole_periods and not self.errors and not self._period(cleaned).is_whole:
            raise forms.ValidationError(
                _(
                    "Figures for employers cover whole months, quarters or years only: choose the "
                    "first and the last day of a month, a quarter or a year."
                ),
                code="not_whole",
            )
        return cleaned

    def _default(self) -> Period:
        today = timezone.localdate()
        return whole_year(today=today) if self.whole_periods else default_period(today=today)

    def chosen_period(self) -> Period:
        """The chosen period; the default (year to date, HR: the whole year) for what is left
        empty, or for an invalid choice."""
        if not self.is_bound or not self.is_valid():
            return self._default()
        return self._period(self.cleaned_data)

    def _period(self, cleaned) -> Period:
        default = self._default()
        start = cleaned.get("date_from")
        end = cleaned.get("date_to")
        if start and not end:
            end = max(start, default.end)
        if end and not start:
            start = datetime.date(end.year, 1, 1)
        return Period(start=start or default.start, end=end or default.end)

    def chosen_area(self) -> str:
        if not self.is_bound or not self.is_valid():
            return ""
        return self.cleaned_data.get("area") or ""
