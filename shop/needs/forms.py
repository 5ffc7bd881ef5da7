import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.needs.consent import CONSENT_TEXT
from shop.needs.models import CaredPerson, HouseholdProfile, Need
from shop.territory.models import Municipality

Category = get_model("catalogue", "Category")
ProductClass = get_model("catalogue", "ProductClass")
Product = get_model("catalogue", "Product")


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _places():
    return Municipality.objects.filter(province__in=["BG", "BS"]).order_by("name")


class HouseholdProfileForm(forms.Form):
    home_municipality = MunicipalityChoiceField(queryset=_places(), label=_("Where you live"))
    working_hours = forms.ChoiceField(
        label=_("Your working hours"),
        choices=[("", _("I prefer not to say")), *HouseholdProfile.WorkingHours.choices],
        required=False,
    )
    needs = forms.ModelMultipleChoiceField(
        queryset=Need.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
        label=_("What you need now"),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        required=True,
        error_messages={
            "required": _(
                "A household profile is kept only with your explicit consent: tick the box to give it."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_municipality"].queryset = _places()
        self.fields["needs"].queryset = Need.objects.filter(is_active=True)


class CaredPersonForm(forms.Form):
    kind = forms.ChoiceField(label=_("Who"), choices=[("", "—"), *CaredPerson.Kind.choices], required=False)
    relation = forms.ChoiceField(
        label=_("Relation"), choices=[("", "—"), *CaredPerson.Relation.choices], required=False
    )
    birth_year = forms.IntegerField(label=_("Birth year"), required=False, min_value=1900)
    municipality = MunicipalityChoiceField(
        queryset=_places(), required=False, label=_("Lives in"), empty_label=_("With me")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = _places()

    def clean(self):
        data = super().clean()
        if not data.get("kind"):
            if any(data.get(name) for name in ("relation", "birth_year", "municipality")):
                self.add_error("kind", _("Say who this person is, or leave the row empty."))
            return data
        if not data.get("relation"):
            self.add_error("relation", _("Choose the relation."))
        year = data.get("birth_year")
        if year and year > timezone.localdate().year:
            self.add_error("birth_year", _("The birth year cannot be in the future."))
        if data.get("kind") == CaredPerson.Kind.CHILD and not year:
            self.add_error(
                "birth_year", _("Give the child's birth year: it tells which services fit their age.")
            )
        return data

    def person(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("kind") or data.get("DELETE"):
            return None
        return {
            "kind": data["kind"],
            "relation": data["relation"],
            "birth_year": data.get("birth_year"),
            "municipality": data.get("municipality"),
        }


CaredPersonFormSet = forms.formset_factory(
    CaredPersonForm, extra=2, can_delete=True, max_num=10, validate_max=True
)


class UrgentSearchForm(forms.Form):
    situation = forms.ModelChoiceField(
        queryset=Need.objects.none(),
        label=_("What is happening"),
        to_field_name="slug",
        empty_label=None,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    municipality = MunicipalityChoiceField(queryset=_places(), label=_("Where the help is needed"))

    def __init__(self, *args, **kwargs):
        from shop.needs.selectors import urgent_situations

        super().__init__(*args, **kwargs)
        self.fields["situation"].queryset = urgent_situations()
        self.fields["situation"].label_from_instance = lambda need: need.emergency_prompt
        self.fields["municipality"].queryset = _places()


class UrgentRequestForm(forms.Form):
    wanted_from = forms.DateTimeField(
        label=_("Needed from"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    contact_phone = forms.CharField(label=_("Phone to call you back"), max_length=30)
    message = forms.CharField(
        label=_("Message to the supplier (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Write only what the supplier needs to know; avoid health details."),
    )

    def clean_wanted_from(self):
        value = self.cleaned_data["wanted_from"]
        now = timezone.now()
        if not now < value <= now + datetime.timedelta(days=7):
            raise forms.ValidationError(_("Choose a time in the next seven days."))
        return value


class UrgentAnswerForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("refuse", _("Refuse"))])
    note = forms.CharField(label=_("Note for the buyer"), required=False, max_length=300)


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = [
            "name",
            "slug",
            "description",
            "concerns",
            "child_age_min",
            "child_age_max",
            "emergency_prompt",
            "categories",
            "product_classes",
            "products",
            "position",
            "is_active",
        ]
        widgets = {
            "categories": forms.SelectMultiple(attrs={"size": 12}),
            "products": forms.SelectMultiple(attrs={"size": 12}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = Category.objects.order_by("path")
        self.fields["categories"].label_from_instance = lambda c: f"{'— ' * (c.depth - 1)}{c.name}"
        self.fields["products"].queryset = Product._default_manager.browsable_dashboard().order_by("title")

    def clean(self):
        data = super().clean()
        low, high = data.get("child_age_min"), data.get("child_age_max")
        if low is not None and high is not None and low > high:
            self.add_error("child_age_max", _("The highest age must not be below the lowest."))
        return data
