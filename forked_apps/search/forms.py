"""Search form fork: Oscar's form plus the distance filter, the sort by distance and "reaches my home"."""

from django import forms
from oscar.apps.search import forms as oscar_forms
from oscar.apps.search.forms import *  # noqa: F403  (BrowseCategoryForm, CategoryForm unchanged)

from shop.km0.forms import DISTANCE_SORT, DistanceFilterForm

NOT_SEARCHED = object()


class SearchForm(oscar_forms.SearchForm, DistanceFilterForm):
    SORT_BY_CHOICES = oscar_forms.SearchForm.SORT_BY_CHOICES + [
        (DISTANCE_SORT, DistanceFilterForm.base_fields["sort_by"].choices[1][1])
    ]
    sort_by = forms.ChoiceField(
        label=oscar_forms.SearchForm.base_fields["sort_by"].label,
        choices=SORT_BY_CHOICES,
        required=False,
        error_messages=DistanceFilterForm.base_fields["sort_by"].error_messages,
    )

    found_suggestion = NOT_SEARCHED  # set by the results view from its one search

    def get_suggestion(self):
        """The suggestion of the view's search (no second search), else Oscar's own."""
        if self.found_suggestion is not NOT_SEARCHED:
            return self.found_suggestion
        return super().get_suggestion()
