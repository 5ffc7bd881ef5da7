"""The slot form on a service's page: day, time, and for home services where."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from shop.bookings.slots import parse_slot_key
from shop.territory.models import Municipality


class SlotForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    slot = forms.CharField(
        label=_("Time"), error_messages={"required": _("Choose a time among those offered.")}
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("The supplier does not reach homes in this municipality.")},
    )
    address = forms.CharField(label=_("Address (street and number)"), max_length=255, required=False)

    def __init__(self, *args, calendar, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.calendar = calendar
        self.fields["slot"].widget = forms.RadioSelect(choices=list(choices))
        if calendar.is_home:
            self.fields["municipality"].queryset = calendar.partner.served_municipalities.order_by("name")
            self.fields["municipality"].required = True
            self.fields["municipality"].error_messages["required"] = _("Choose the municipality of the home.")
            self.fields["address"].required = True
            self.fields["address"].error_messages["required"] = _(
                "Please give the address where the service takes place."
            )
        else:
            del self.fields["municipality"]
            del self.fields["address"]

    def clean_slot(self) -> datetime.datetime:
        start = parse_slot_key(self.data.get(self.add_prefix("slot"), ""))
        if start is None:
            raise forms.ValidationError(_("Choose a time among those offered."))
        return start


def day_or_none(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None
