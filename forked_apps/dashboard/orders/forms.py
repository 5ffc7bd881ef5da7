from django import forms as django_forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.orders import forms


class OrderSearchForm(forms.OrderSearchForm):
    # The manager's search can be exported as Excel too (shop/core/spreadsheet.py).
    format_choices = (*forms.OrderSearchForm.format_choices, ("xlsx", _("Excel")))
    response_format = django_forms.ChoiceField(
        widget=django_forms.RadioSelect,
        required=False,
        choices=format_choices,
        initial="html",
        label=_("Get results as"),
    )
