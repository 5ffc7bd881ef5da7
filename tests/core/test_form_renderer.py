"""The plain <input> widgets written out in Python (shop/core/form_renderer.py) give the very
markup Django's templates give, and those templates are Django's own (nothing overrides
them), so the two cannot drift apart."""

import datetime
from decimal import Decimal
from pathlib import Path

import django
import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from shop.core.form_renderer import INPUT_TEMPLATES, FastInputsRenderer

DJANGO_WIDGETS = Path(django.__file__).parent / "forms" / "templates" / "django" / "forms" / "widgets"


class EveryInput(forms.Form):
    name = forms.CharField(
        max_length=30, help_text="x", widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Name")})
    )
    email = forms.EmailField(required=False)
    count = forms.IntegerField(min_value=0, max_value=1000, localize=True)
    price = forms.DecimalField(max_digits=8, decimal_places=2)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    token = forms.CharField(widget=forms.HiddenInput)
    agree = forms.BooleanField(required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date", "data-x": True, "data-off": False}))
    at = forms.TimeField()
    site = forms.URLField(assume_scheme="https")
    phone = forms.CharField(widget=forms.TextInput(attrs={"type": "tel", "data-zero": 0, "data-none": None}))
    colour = forms.CharField(widget=forms.TextInput(attrs={"type": "color"}))
    upload = forms.FileField(required=False)
    kind = forms.ChoiceField(choices=[("a", "A & B"), ("b", 'B "quoted"')])  # a select: templates


def test_the_project_renders_forms_with_it():
    assert settings.FORM_RENDERER == "shop.core.form_renderer.FastInputsRenderer"
    assert isinstance(get_default_renderer(), FastInputsRenderer)


def test_the_input_templates_are_djangos_own_and_nothing_overrides_them():
    engine = FastInputsRenderer().engine
    shared = {"django/forms/widgets/input.html", "django/forms/widgets/attrs.html"}
    for name in sorted(INPUT_TEMPLATES | shared):
        template = engine.get_template(name)
        assert Path(template.origin.name) == DJANGO_WIDGETS / Path(name).name, name
    for name in INPUT_TEMPLATES:  # each is only the include of input.html
        text = (DJANGO_WIDGETS / Path(name).name).read_text().strip()
        assert text == '{% include "django/forms/widgets/input.html" %}', name


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "name": 'Rossi "<Giulia>" & co\'',
            "email": "not an email",
            "count": "1234",
            "price": "12,50",
            "secret": "p&ss",
            "token": mark_safe("<b>safe</b>"),
            "agree": "on",
            "day": "2026-12-25",
            "at": "10:30",
            "site": "example.org/a?b=1&c=2",
            "phone": "",
            "colour": "#ff0000",
            "kind": "b",
        },
    ],
    ids=["unbound", "bound"],
)
def test_every_input_is_the_markup_djangos_templates_give(language, data):
    initial = {"count": 1000, "price": Decimal("1234.5"), "day": datetime.date(2026, 12, 25), "agree": True}
    with override(language):
        fast = EveryInput(data, initial=initial, renderer=FastInputsRenderer())
        slow = EveryInput(data, initial=initial, renderer=DjangoTemplates())
        if data:
            fast.is_valid(), slow.is_valid()
        assert str(fast) == str(slow)
        for field in fast:
            assert str(field) == str(slow[field.name]), field.name
