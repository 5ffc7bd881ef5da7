from django import forms
from django.utils.translation import gettext_lazy as _

from shop.km0.selectors import DISTANCE_CHOICES_KM

DISTANCE_SORT = "distance"


def _km_choices():
    return [("", _("Any distance"))] + [
        (str(km), _("within %(km)s km") % {"km": km}) for km in DISTANCE_CHOICES_KM
    ]


class DistanceFilterForm(forms.Form):
    """The "entro N km" filter, the sort by distance and "only services that reach my home"."""

    SORT_BY_CHOICES = [
        ("", _("Relevancy")),
        (DISTANCE_SORT, _("Distance, nearest first")),
        ("newest", _("Newest")),
        ("price-asc", _("Price low to high")),
        ("price-desc", _("Price high to low")),
        ("title-asc", _("Title A to Z")),
        ("title-desc", _("Title Z to A")),
    ]

    km = forms.TypedChoiceField(
        label=_("Distance"),
        choices=_km_choices,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the distances offered (10, 25, 50 or 70 km).")},
    )
    sort_by = forms.ChoiceField(
        label=_("Sort by"),
        choices=SORT_BY_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the orderings offered.")},
    )
    reaches = forms.BooleanField(label=_("Only services that reach my home"), required=False)

    def distance_filters(self) -> tuple[int | None, bool, bool]:
        """(km, sort by distance, reaching only) from valid input; invalid input filters nothing."""
        data = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data  # only the fields that validated
        return data.get("km"), data.get("sort_by") == DISTANCE_SORT, bool(data.get("reaches"))
