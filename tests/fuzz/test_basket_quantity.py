"""Quantities typed into Oscar's basket: adding a product and changing a line.

Adding follows Oscar's flow: a refused quantity sends the buyer back with an Italian error
message and the product page shows the typed text again. Changing a line re-renders the basket
(200) with the error on the line. Either way the basket and the stock are untouched; a valid
quantity is written exactly, and 0 on a line removes it.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from hypothesis import example, given
from oscar.core.loading import get_model

from tests.factories import product_with_price
from tests.fuzz.helpers import (
    assert_italian,
    assert_kept,
    changed,
    db_state,
    example_rolled_back,
    expected_quantity,
    form_errors,
    quantity_texts,
)

Line = get_model("basket", "Line")

pytestmark = pytest.mark.django_db

IN_STOCK = 10


@pytest.fixture
def product(db):
    return product_with_price(price="12.50", num_in_stock=IN_STOCK)


@given(text=quantity_texts())
@example(text="1.000")
@example(text="3.0")
@example(text="١٢")
@example(text="10")
@example(text="11")
@example(text=" 2 ")
def test_adding_a_product(employee_client, product, text):
    expected = expected_quantity(text)
    url = reverse("basket:add", kwargs={"pk": product.pk})
    page = product.get_absolute_url()
    with example_rolled_back():
        before = db_state()
        response = employee_client.post(url, {"quantity": text}, HTTP_REFERER=page)
        assert response.status_code == 302
        if expected is not None and 1 <= expected <= IN_STOCK:
            line = Line.objects.get(product=product)
            assert line.quantity == expected
            assert db_state()["basket_line"] == before["basket_line"] + 1
            return
        errors = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
        assert_italian(errors)
        assert db_state() == before, changed(before, db_state())
        # Back on the product page, the form shows what was typed.
        assert response.url == page
        assert_kept(employee_client.get(page), text)


@pytest.fixture
def line(employee_client, product):
    response = employee_client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": "2"})
    assert response.status_code == 302
    return Line.objects.get(product=product)


@pytest.fixture
def basket_form(employee_client, line):
    """The basket page's formset fields, and the name of the line's quantity input."""
    formset = employee_client.get(reverse("basket:summary")).context["formset"]
    data = {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
    form = formset.forms[0]
    data[f"{form.prefix}-id"] = form.instance.pk
    return data, f"{form.prefix}-quantity"


@given(text=quantity_texts())
@example(text="0")
@example(text="1.000")
@example(text="10")
@example(text="11")
@example(text="-1")
def test_changing_a_line(employee_client, line, basket_form, text):
    expected = expected_quantity(text)
    data, quantity = basket_form
    with example_rolled_back():
        before = db_state()
        response = employee_client.post(reverse("basket:summary"), {**data, quantity: text})
        if not text.strip():
            # Oscar reads an empty quantity as 0: the line is removed.
            expected = 0
        if expected is not None and 0 <= expected <= IN_STOCK:
            assert response.status_code == 302
            if expected == 0:
                assert not Line.objects.filter(pk=line.pk).exists()
            else:
                assert Line.objects.get(pk=line.pk).quantity == expected
            return
        assert response.status_code == 200
        formset = response.context["formset"]
        assert_italian([e for form in formset.forms for e in form_errors(form)])
        assert_kept(response, text)
        assert db_state() == before, changed(before, db_state())
