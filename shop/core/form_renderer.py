"""Django's form renderer, with the plain ``<input>`` widgets written out in Python.

Every text, e-mail, number, hidden, password, date or checkbox field goes through three
templates in Django (the widget's, ``input.html`` and ``attrs.html``): about 0.15 ms of CPU
for one tag, a few milliseconds for an address form or a basket's formset. Those templates
hold no choice of the shop's (nothing overrides them: tests/core/test_form_renderer.py
checks it), so ``FastInputsRenderer`` writes the same tag directly, escaped as the
templates escape it; every other widget template is rendered as Django renders it.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe

# The widget templates that are nothing but ``{% include "django/forms/widgets/input.html" %}``.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "checkbox", "color", "date", "datetime", "email", "file", "hidden", "number",
        "password", "search", "tel", "text", "time", "url",
    )
)  # fmt: skip


def _formatted(value) -> str:
    # ``{{ value|stringformat:'s' }}``: a safe value stays as it is, anything else is escaped.
    return value if isinstance(value, SafeData) else escape("%s" % (value,))  # noqa: UP031


def input_tag(widget: dict) -> str:
    """What ``django/forms/widgets/input.html`` renders for the ``widget`` context."""
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    parts = [f'<input type="{kind}" name="{name}"']
    if widget["value"] is not None:
        parts.append(f' value="{_formatted(widget["value"])}"')
    for attr, value in widget["attrs"].items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(attr)}")
        if value is not True:
            parts.append(f'="{_formatted(value)}"')
    parts.append(">")
    return mark_safe("".join(parts))


class FastInputsRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES and not _calls_something(context["widget"]):
            return input_tag(context["widget"])
        return super().render(template_name, context, request)


def _calls_something(widget: dict) -> bool:
    # A template calls a callable value: left to the template, which does.
    shown = (widget["type"], widget["name"], widget["value"], *widget["attrs"].values())
    return any(callable(value) for value in shown)
