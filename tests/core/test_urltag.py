"""``{% url %}`` kept per process (shop/core/urltag.py): the same output as Django's tag, each
name with plain arguments reversed once; anything else reversed every time."""

from unittest import mock

import pytest
from django.template import Template, engines
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy

from shop.core import urltag


@pytest.fixture(autouse=True)
def forget():
    urltag._kept.clear()
    yield
    urltag._kept.clear()


def render(source, **context) -> str:
    return engines["django"].from_string(source).render(context)


def reversals(source, times=3, **context) -> tuple[int, str]:
    """How many times Django reversed while ``source`` rendered ``times`` times, and the output."""
    with mock.patch.object(urltag, "reverse", side_effect=reverse) as spy:
        outputs = {render(source, **context) for _ in range(times)}
    assert len(outputs) == 1
    return spy.call_count, outputs.pop()


def test_the_shops_templates_use_the_kept_tag():
    node = Template("{% url 'basket:summary' %}").nodelist[0]
    assert isinstance(node, urltag.KeptURLNode)


def test_a_name_with_plain_arguments_is_reversed_once_and_reads_as_djangos():
    count, output = reversals("{% url 'catalogue:detail' product_slug=slug pk=pk %}", slug="miele", pk=7)

    assert count == 1
    assert output == reverse("catalogue:detail", kwargs={"product_slug": "miele", "pk": 7})
    assert reversals("{% url 'catalogue:detail' product_slug=slug pk=pk %}", slug="miele", pk=8)[0] == 1


def test_an_argument_that_is_not_plain_is_reversed_every_time():
    slug = gettext_lazy("miele")

    count, output = reversals("{% url 'catalogue:detail' product_slug=slug pk=1 %}", slug=slug)

    assert count == 3
    assert output == reverse("catalogue:detail", kwargs={"product_slug": "miele", "pk": 1})


def test_a_name_that_does_not_reverse_behaves_as_with_djangos_tag():
    assert render("{% url 'no-such-view' as missing %}[{{ missing }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        render("{% url 'no-such-view' %}")
    assert urltag._kept == {}


def test_another_url_configuration_forgets_them(settings):
    render("{% url 'basket:summary' %}")
    assert urltag._kept

    settings.ROOT_URLCONF = "shop.urls"

    assert urltag._kept == {}
