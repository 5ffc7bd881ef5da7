from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from stdnum.it import codicefiscale, iva

from shop.core.forms import MoneyField, QuantityField
from shop.core.uploads import detect_upload_type, validate_image_upload, validate_pdf_upload
from shop.core.validators import period_problem
from shop.core.widgets import ItalianDateInput
from shop.eligibility.selectors import employees_of
from shop.welfare.allocation import euros
from shop.welfare.fiscal import REIMBURSABLE, BenefitType
from shop.welfare.gateways import PayOnDelivery
from shop.welfare.models import EmployeeCategory, ReimbursementClaim

WITHIN_CAP = "within_cap"
ANYWAY = "anyway"


class CreditChoiceForm(forms.Form):
    """How much credit to use at checkout; the rest is paid at the door."""

    # Localised both ways: shown as "40,00" and "40,00" read back as 40.00.
    credit = MoneyField(
        label=_("Welfare credit to use (€)"),
        min_value=Decimal("0.00"),
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

    fringe_choice = forms.ChoiceField(
        label=_("Over the fringe-benefit limit"),
        choices=[
            (WITHIN_CAP, _("Use the credit up to the limit")),
            (ANYWAY, _("Use the credit anyway")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, maximum: Decimal, maximum_within_cap: Decimal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.maximum = maximum
        # Set only when the most credit possible would take the employee over the c.3 cap.
        self.maximum_within_cap = maximum_within_cap
        self.fields["fringe_choice"].required = maximum_within_cap is not None
        self.fields["credit"].help_text = _("At most %(max)s € for this order.") % {"max": euros(maximum)}

    def clean(self):
        cleaned = super().clean()
        credit = cleaned.get("credit")
        if (
            self.maximum_within_cap is not None
            and cleaned.get("fringe_choice") == WITHIN_CAP
            and credit is not None
            and credit > self.maximum_within_cap
        ):
            self.add_error(
                "credit",
                _(
                    "Within your fringe-benefit limit you can use at most %(max)s € of credit: "
                    "lower the amount or choose to use the credit anyway."
                )
                % {"max": euros(self.maximum_within_cap)},
            )
        return cleaned

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
    amount_per_employee = MoneyField(
        label=_("Credit per employee (€)"),
        min_value=Decimal("0.01"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=ItalianDateInput())
    valid_to = forms.DateField(label=_("Valid until"), widget=ItalianDateInput())
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
    regulation_reference = forms.CharField(
        label=_("Company regulation"),
        max_length=200,
        help_text=_("Title and date of the regulation the plan applies."),
    )
    regulation_text = forms.CharField(label=_("Regulation text"), required=False, widget=forms.Textarea)
    employee_categories = forms.MultipleChoiceField(
        label=_("Categories of employees"),
        choices=EmployeeCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None selected: all employees. The regulation must address uniform categories."),
    )
    employees = forms.ModelMultipleChoiceField(
        label=_("Only these employees"),
        queryset=employees_of(employers=[]),
        required=False,
        help_text=_("None selected: every employee employed on the funding day."),
    )

    def __init__(self, *args, employers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers
        if employers.count() == 1:
            self.fields["employer"].initial = employers.first()
        self.fields["categories"].queryset = get_model("catalogue", "Category").objects.order_by("path")
        self.fields["employees"].queryset = employees_of(employers=employers)

    def clean(self):
        cleaned = super().clean()
        if problem := period_problem(cleaned.get("valid_from"), cleaned.get("valid_to")):
            self.add_error("valid_to", problem)
        employer = cleaned.get("employer")
        if employer and any(e.employer_id != employer.pk for e in cleaned.get("employees") or ()):
            self.add_error("employees", _("Only employees of the plan's employer can be listed."))
        return cleaned


def validate_receipt_upload(file) -> None:
    """A receipt is a PDF or an image, recognised by its first bytes (shop.core.uploads)."""
    kind = detect_upload_type(file)
    if kind == "pdf":
        validate_pdf_upload(file)
    elif kind is not None:
        validate_image_upload(file)
    else:
        raise forms.ValidationError(_("The receipt must be a PDF document or a JPEG, PNG or WebP image."))


def validate_beneficiary_codice_fiscale(value: str) -> None:
    if not codicefiscale.is_valid(value):
        raise forms.ValidationError(_("This codice fiscale is not valid: check it letter by letter."))


def validate_supplier_tax_code(value: str) -> None:
    if not (iva.is_valid(value) or codicefiscale.is_valid(value)):
        raise forms.ValidationError(_("Write the supplier's partita IVA (11 digits) or codice fiscale."))


class ClaimForm(forms.Form):
    benefit_type = forms.ChoiceField(
        label=_("Kind of expense"),
        choices=[(t.value, t.label) for t in BenefitType if t in REIMBURSABLE],
        widget=forms.RadioSelect,
    )
    beneficiary_name = forms.CharField(label=_("Beneficiary (first and last name)"), max_length=200)
    beneficiary_codice_fiscale = forms.CharField(
        label=_("Beneficiary's codice fiscale"),
        max_length=16,
        validators=[validate_beneficiary_codice_fiscale],
    )
    relation = forms.ChoiceField(label=_("Relation to you"), choices=ReimbursementClaim.Relation.choices)
    receipt_date = forms.DateField(label=_("Receipt date"), widget=ItalianDateInput())
    receipt_number = forms.CharField(label=_("Receipt or invoice number"), max_length=40)
    supplier_name = forms.CharField(label=_("Supplier"), max_length=200)
    supplier_tax_code = forms.CharField(
        label=_("Supplier's partita IVA or codice fiscale"),
        max_length=16,
        validators=[validate_supplier_tax_code],
    )
    description = forms.CharField(label=_("What was paid for"), max_length=255)
    amount = MoneyField(label=_("Amount (€)"), min_value=Decimal("0.01"))
    receipt = forms.FileField(
        label=_("Receipt (PDF or photo)"),
        validators=[validate_receipt_upload],
        widget=forms.ClearableFileInput,
    )

    def clean_beneficiary_codice_fiscale(self):
        return codicefiscale.compact(self.cleaned_data["beneficiary_codice_fiscale"])

    def clean_supplier_tax_code(self):
        return self.cleaned_data["supplier_tax_code"].strip().upper().replace(" ", "")


class ClaimRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )


class ChildrenDeclarationForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Tax year"), coerce=int)
    children_count = QuantityField(
        label=_("Dependent children (art. 12 c.2 TUIR)"),
        min_value=0,
        max_value=20,
        help_text=_(
            "0 if you have no dependent children. The fringe-benefit cap is higher with at least one."
        ),
    )
    confirm = forms.BooleanField(
        label=_("I declare that this is true and I will tell my employer if it changes."), required=True
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class PayrollFilterForm(forms.Form):
    employer = forms.ModelChoiceField(label=_("Employer"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("Month"), coerce=int, choices=[(m, f"{m:02d}") for m in range(1, 13)]
    )

    def __init__(self, *args, employers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers
