"""Forms of the supplier's calendar. Messages are English msgids with Italian translations."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from shop.bookings.dashboard.selectors import Window, overlapping, window_problem
from shop.bookings.dashboard.services import CALENDAR_FIELDS
from shop.bookings.models import Closure, ExtraSlot, ServiceCalendar, WeeklySlot
from shop.core.widgets import ItalianDateInput

MAX_SLOT_MINUTES = 24 * 60
MAX_HORIZON_DAYS = 730

# Text, not type="time": browsers draw time inputs in their own locale (AM/PM in an English
# browser); "hh:mm" reads the same everywhere and is what Italian users type.
TIME_WIDGET = forms.TimeInput(
    attrs={"placeholder": "hh:mm", "inputmode": "numeric", "maxlength": 5, "size": 6}, format="%H:%M"
)
DATE_WIDGET = ItalianDateInput()
AT_LEAST_ONE_PLACE = _("A slot needs at least one place.")


def _capacity_or_default(capacity: int | None) -> int | None:
    """A window's own places per slot, at least one; empty means the calendar's default."""
    if capacity is not None and capacity < 1:
        raise forms.ValidationError(AT_LEAST_ONE_PLACE)
    return capacity


class CalendarForm(forms.ModelForm):
    class Meta:
        model = ServiceCalendar
        fields = list(CALENDAR_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_capacity"].error_messages["min_value"] = AT_LEAST_ONE_PLACE
        bounds = {
            "slot_minutes": (5, MAX_SLOT_MINUTES),
            "default_capacity": (1, None),
            "horizon_days": (1, MAX_HORIZON_DAYS),
            "session_every_days": (1, 365),
            "confirm_within_hours": (1, 24 * 14),
        }
        for name, (low, high) in bounds.items():
            field = self.fields[name]
            field.min_value, field.max_value = low, high
            field.widget.attrs["min"] = low
            if high:
                field.widget.attrs["max"] = high

    def clean_slot_minutes(self):
        return self._bounded("slot_minutes", _("A slot lasts from 5 minutes to 24 hours."))

    def clean_default_capacity(self):
        return self._bounded("default_capacity", AT_LEAST_ONE_PLACE)

    def clean_horizon_days(self):
        return self._bounded("horizon_days", _("Bookings can open from 1 to 730 days ahead."))

    def clean_session_every_days(self):
        return self._bounded("session_every_days", _("Sessions repeat every 1 to 365 days."))

    def clean_confirm_within_hours(self):
        return self._bounded("confirm_within_hours", _("Answer within 1 hour to 14 days, or leave it empty."))

    def _bounded(self, name, message):
        value = self.cleaned_data.get(name)
        field = self.fields[name]
        if value is not None and (value < field.min_value or (field.max_value and value > field.max_value)):
            raise forms.ValidationError(message)
        return value


class WeeklySlotForm(forms.ModelForm):
    class Meta:
        model = WeeklySlot
        fields = ["weekday", "start", "end", "capacity"]
        widgets = {
            # A plain select: Oscar's dashboard turns selects into select2 widgets of uneven width.
            "weekday": forms.Select(attrs={"class": "no-widget-init"}),
            "start": TIME_WIDGET,
            "end": TIME_WIDGET,
            "capacity": forms.NumberInput(attrs={"min": 1}),
        }

    def clean_capacity(self):
        return _capacity_or_default(self.cleaned_data.get("capacity"))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            problem = window_problem(start=start, end=end, slot_minutes=getattr(self, "slot_minutes", None))
            if problem:
                self.add_error("end", problem)
        return data


class BaseWeeklySlotFormSet(forms.BaseInlineFormSet):
    """Weekly windows; the view sets ``slot_minutes`` from the calendar form before validation."""

    slot_minutes: int | None = None

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.slot_minutes = self.slot_minutes
        return form

    def windows(self) -> list[Window]:
        return [
            Window(
                day=form.cleaned_data["weekday"],
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                capacity=form.cleaned_data.get("capacity"),
            )
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and all(form.cleaned_data.get(k) is not None for k in ("weekday", "start", "end"))
        ]

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        pairs = overlapping(self.windows())
        if pairs:
            first, second = pairs[0]
            raise forms.ValidationError(
                _("Two windows on %(day)s overlap: %(first)s and %(second)s.")
                % {
                    "day": str(dict(WeeklySlot._meta.get_field("weekday").choices)[first.day]).lower(),
                    "first": f"{first.start:%H:%M}–{first.end:%H:%M}",
                    "second": f"{second.start:%H:%M}–{second.end:%H:%M}",
                }
            )


WeeklySlotFormSet = forms.inlineformset_factory(
    ServiceCalendar,
    WeeklySlot,
    form=WeeklySlotForm,
    formset=BaseWeeklySlotFormSet,
    extra=2,
    can_delete=True,
)


def _not_past(value: datetime.date) -> None:
    if value < timezone.localdate():
        raise forms.ValidationError(_("Choose today or a later day."))


class ClosureForm(forms.ModelForm):
    prefix = "closure"

    class Meta:
        model = Closure
        fields = ["date_from", "date_to", "reason"]
        widgets = {"date_from": DATE_WIDGET, "date_to": DATE_WIDGET}

    def clean_date_to(self):
        value = self.cleaned_data["date_to"]
        _not_past(value)
        return value

    def clean(self):
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and last < first:
            self.add_error("date_to", _("The last day of the closure cannot come before the first."))
        return data


class ExtraSlotForm(forms.ModelForm):
    prefix = "extra"

    class Meta:
        model = ExtraSlot
        fields = ["date", "start", "end", "capacity"]
        widgets = {
            "date": DATE_WIDGET,
            "start": TIME_WIDGET,
            "end": TIME_WIDGET,
            "capacity": forms.NumberInput(attrs={"min": 1}),
        }

    def __init__(self, *args, calendar: ServiceCalendar, **kwargs):
        super().__init__(*args, **kwargs)
        self.calendar = calendar

    def clean_date(self):
        value = self.cleaned_data["date"]
        _not_past(value)
        return value

    def clean_capacity(self):
        return _capacity_or_default(self.cleaned_data.get("capacity"))

    def clean(self):
        data = super().clean()
        start, end, day = data.get("start"), data.get("end"), data.get("date")
        if start and end:
            problem = window_problem(start=start, end=end, slot_minutes=self.calendar.slot_minutes)
            if problem:
                self.add_error("end", problem)
            elif day and overlapping(
                [
                    Window(day=day, start=start, end=end),
                    *(
                        Window(day=e.date, start=e.start, end=e.end)
                        for e in self.calendar.extra_slots.filter(date=day)
                    ),
                ]
            ):
                self.add_error("start", _("This opening overlaps another extra opening on the same day."))
        return data


class RefuseForm(forms.Form):
    note = forms.CharField(
        label=_("Why you refuse (the buyer reads it)"),
        max_length=500,
        required=True,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tell the buyer why you refuse: a short note is enough.")},
    )


class FeastDayForm(forms.Form):
    """A feast day of the supplier's town: day and month, every year."""

    prefix = "feast"

    partner = forms.ModelChoiceField(label=_("Supplier"), queryset=None, empty_label=None)
    day = forms.TypedChoiceField(
        label=_("Day"), coerce=int, choices=[(n, str(n)) for n in range(1, 32)]
    )
    month = forms.TypedChoiceField(label=_("Month"), coerce=int, choices=list(MONTHS.items()))
    name = forms.CharField(
        label=_("Feast"),
        max_length=120,
        help_text=_("For example: Sant'Alessandro, patron saint of Bergamo."),
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        only = list(partners[:2])
        if len(only) == 1:
            self.fields["partner"].initial = only[0].pk
            self.fields["partner"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        day, month = data.get("day"), data.get("month")
        if day and month:
            try:
                datetime.date(2024, month, day)  # a leap year: 29 February is a day
            except ValueError:
                self.add_error("day", _("That month has no such day."))
        return data
