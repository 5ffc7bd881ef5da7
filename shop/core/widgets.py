"""Form widgets shared by the shop's pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ItalianDateInput(forms.DateInput):
    """A date typed as dd/mm/yyyy in a text box.

    Not type="date": a browser draws its date box in its own locale (mm/dd/yyyy in an English
    one, whatever the page's language). dd/mm/yyyy reads the same everywhere and is what Italian
    users type; Django's Italian input formats also take yyyy-mm-dd (links, older bookmarks).
    """

    def __init__(self, attrs=None):
        defaults = {"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "maxlength": 10, "size": 11}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")
