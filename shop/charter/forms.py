from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.it import iva

from shop.charter.models import AuditEntry, CommitmentGroup, ServiceTerms
from shop.charter.services import PDF_MAX_BYTES
from shop.core.forms import QuantityField
from shop.core.uploads import validate_pdf_upload
from shop.core.widgets import ItalianDateInput
from shop.territory.models import Municipality

# Shown on Oscar's product form (forked_apps/dashboard/catalogue/forms.py) to unapproved suppliers.
PUBLISH_LOCKED_HELP = _("You can publish products once the manager has approved your admission.")


class ApplicationForm(forms.Form):
    legal_name = forms.CharField(label=_("Legal name"), max_length=200)
    display_name = forms.CharField(
        label=_("Name shown in the shop"), max_length=128, required=False, help_text=_("Optional.")
    )
    vat_number = forms.CharField(label=_("VAT number (partita IVA)"), max_length=20)
    seat = forms.ModelChoiceField(
        label=_("Seat municipality"), queryset=Municipality.objects.order_by("name")
    )
    contact_name = forms.CharField(label=_("Contact person (name and surname)"), max_length=120)
    contact_role = forms.CharField(label=_("Contact's role in the company"), max_length=120)
    email = forms.EmailField(label=_("Email"), help_text=_("You will log in with this address."))
    phone = forms.CharField(label=_("Phone"), max_length=32)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    offers = forms.CharField(label=_("What you offer"), widget=forms.Textarea(attrs={"rows": 4}))
    production_notes = forms.CharField(label=_("How you produce"), widget=forms.Textarea(attrs={"rows": 4}))
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Repeat the password"), widget=forms.PasswordInput, strip=False)

    def clean_vat_number(self):
        value = self.cleaned_data["vat_number"]
        try:
            return iva.validate(value)
        except StdnumError as exc:
            raise forms.ValidationError(_("This is not a valid Italian VAT number.")) from exc

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2:
            if p1 != p2:
                self.add_error("password2", _("The two passwords differ."))
            else:
                try:
                    password_validation.validate_password(p1)
                except forms.ValidationError as exc:
                    self.add_error("password1", exc)
        return data


class ResubmitForm(forms.Form):
    offers = forms.CharField(label=_("What you offer"), widget=forms.Textarea(attrs={"rows": 4}))
    production_notes = forms.CharField(label=_("How you produce"), widget=forms.Textarea(attrs={"rows": 4}))


class SignatureForm(forms.Form):
    signer_name = forms.CharField(label=_("Signer's name and surname"), max_length=120)
    signer_role = forms.CharField(label=_("Signer's role (e.g. legal representative)"), max_length=120)
    text_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    accept = forms.BooleanField(label=_("I have read the charter and commit the company to it."))
    signed_pdf = forms.FileField(
        label=_("The charter signed, as a PDF (max 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["text_sha256"].initial = version.text_sha256()
        if version.requires_signed_pdf:
            self.fields["signed_pdf"].required = True
        else:
            self.fields["signed_pdf"].help_text = _("Optional.")

    def clean_signed_pdf(self):
        upload = self.cleaned_data.get("signed_pdf")
        if not upload:
            return upload
        if upload.size > PDF_MAX_BYTES:
            raise forms.ValidationError(_("The PDF file is larger than 5 MB."))
        validate_pdf_upload(upload)  # PDF by content, complete (ends with %%EOF), .pdf name
        upload.seek(0)
        return upload


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (AuditEntry.Action.APPROVED, _("Approve")),
            (AuditEntry.Action.CHANGES_REQUESTED, _("Ask for changes")),
            (AuditEntry.Action.REJECTED, _("Reject")),
            (AuditEntry.Action.SUSPENDED, _("Suspend")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason (the supplier reads it)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("action")
            and data["action"] != AuditEntry.Action.APPROVED
            and not data.get("reason", "").strip()
        ):
            self.add_error("reason", _("Give a reason: the supplier will read it."))
        return data


class CharterVersionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, initial="Carta etica dei fornitori AtC56W+")
    effective_date = forms.DateField(
        label=_("Effective date"), widget=ItalianDateInput()
    )
    preamble = forms.CharField(label=_("Text (Italian)"), widget=forms.Textarea(attrs={"rows": 8}))
    requires_signed_pdf = forms.BooleanField(label=_("Suppliers must upload the signed PDF"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in CommitmentGroup.choices:
            self.fields[f"group_{value}"] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("One commitment per line."),
            )

    def commitments(self) -> list[tuple[str, str]]:
        pairs = []
        for value, _label in CommitmentGroup.choices:
            for line in self.cleaned_data.get(f"group_{value}", "").splitlines():
                if line.strip():
                    pairs.append((value, line.strip()))
        return pairs

    def clean(self):
        data = super().clean()
        if not self.errors and not self.commitments():
            raise forms.ValidationError(_("Write at least one commitment."))
        return data


class ServiceTermsForm(forms.ModelForm):
    class Meta:
        model = ServiceTerms
        fields = ["served_municipalities", "radius_km", "slots_per_week"]
        widgets = {"served_municipalities": forms.SelectMultiple(attrs={"size": 12})}
        field_classes = {"radius_km": QuantityField, "slots_per_week": QuantityField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["served_municipalities"].queryset = Municipality.objects.exclude(area="").order_by("name")
