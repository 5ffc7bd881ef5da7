from django import forms
from django.utils.translation import gettext_lazy as _

from shop.logistics.models import BoxItem

NOT_HOME_REASONS = {
    "nobody": _("Nobody at home"),
    "notice": _("Notice left in the letterbox"),
    "address": _("Address not found"),
}


class TraineeCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("New trainee code"),
        regex=r"^[A-Za-z0-9-]{2,12}$",
        max_length=12,
        help_text=_("Letters, digits and dashes, 2 to 12: for example T-07. Never a name."),
        error_messages={"invalid": _("Use only letters, digits and dashes (2 to 12), never a name.")},
    )


class ItemStepForm(forms.Form):
    status = forms.ChoiceField(choices=[(BoxItem.Status.DONE, ""), (BoxItem.Status.MISSING, "")])


class BoxForm(forms.Form):
    box = forms.IntegerField(min_value=1)


class DeliveryForm(forms.Form):
    """Delivered, or not at home with a reason (a button) and an optional free note."""

    outcome = forms.ChoiceField(choices=[("delivered", ""), *NOT_HOME_REASONS.items(), ("other", "")])
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == "other" and not data.get("note", "").strip():
            self.add_error("note", _("Write what happened, or choose one of the reasons."))
        return data

    @property
    def delivered(self) -> bool:
        return self.cleaned_data["outcome"] == "delivered"

    @property
    def note_text(self) -> str:
        outcome, note = self.cleaned_data["outcome"], self.cleaned_data.get("note", "").strip()
        if outcome == "delivered":
            return note
        reason = str(NOT_HOME_REASONS.get(outcome, ""))
        return " — ".join(part for part in (reason, note) if part)
