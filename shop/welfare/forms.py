from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.eligibility.models import Employee
from shop.welfare.allocation import euros
from shop.welfare.fiscal import BenefitType
from shop.welfare.gateways import PayOnDelivery


class CreditChoiceForm(forms.Form):
    """How much credit to use at checkout; the rest is paid at the door."""

    credit = forms.DecimalField(
        label=_("Welfare credit to use (€)"),
        min_value=Decimal("0.00"),
        max_digits=12,
        decimal_places=2,
        # Localised both ways: shown as "40,00" and "40,00" read back as 40.00.
        localize=True,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "class": "form-control", "aria-describedby": "credit-help"}
        ),
    )
    rest_method = forms.ChoiceField(
        label=_("The rest, paid at delivery with"),
        choices=list(PayOnDelivery.METHODS.items()),
        widget=forms.RadioSelect,
        initial="pos",
    )

    def __init__(self, *args, maximum: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.maximum = maximum
        self.fields["credit"].help_text = _("At most %(max)s € for this order.") % {"max": euros(maximum)}

    def clean_credit(self):
        credit = self.cleaned_data["credit"]
        if credit > self.maximum:
            raise forms.ValidationError(
                _("You can use at most %(max)s € of welfare credit on this order."),
                params={"max": euros(self.maximum)},
            )
        return credit


class PlanForm(forms.Form):
    employer = forms.ModelChoiceField(label=_("Employer"), queryset=None)
    name = forms.CharField(label=_("Name"), max_length=120)
    year = forms.IntegerField(label=_("Tax year"), min_value=2000, max_value=2100)
    amount_per_employee = forms.DecimalField(
        label=_("Credit per employee (€)"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        localize=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"}))
    categories = forms.ModelMultipleChoiceField(
        label=_("Allowed categories"),
        queryset=None,
        required=False,
        help_text=_("None selected: every category. A category includes its subcategories."),
    )
    benefit_types = forms.MultipleChoiceField(
        label=_("Allowed benefit types"),
        choices=BenefitType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None selected: every benefit type."),
    )
    employees = forms.ModelMultipleChoiceField(
        label=_("Only these employees"),
        queryset=Employee.objects.none(),
        required=False,
        help_text=_("None selected: every employee employed on the funding day."),
    )

    def __init__(self, *args, employers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers
        if employers.count() == 1:
            self.fields["employer"].initial = employers.first()
        self.fields["categories"].queryset = get_model("catalogue", "Category").objects.order_by("path")
        self.fields["employees"].queryset = Employee.objects.filter(employer__in=employers)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date must not come before the start date."))
        employer = cleaned.get("employer")
        if employer and any(e.employer_id != employer.pk for e in cleaned.get("employees") or ()):
            self.add_error("employees", _("Only employees of the plan's employer can be listed."))
        return cleaned
