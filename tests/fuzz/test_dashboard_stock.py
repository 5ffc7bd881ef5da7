"""Price and stock typed into Oscar's product form in the dashboard.

A refused price or stock: the form again (200) with the Italian error on the stock record, the
text kept, no product written. A valid one is saved exactly.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st
from oscar.core.loading import get_class, get_model

from shop.core.forms import MoneyField
from tests.factories import PartnerFactory, ProductClassFactory
from tests.factories.eligibility import UserFactory
from tests.fuzz.helpers import (
    assert_italian,
    assert_kept,
    changed,
    db_state,
    example_rolled_back,
    expected_money,
    expected_quantity,
    form_errors,
    money_texts,
    quantity_texts,
)

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
StockRecordFormSet = get_class("dashboard.catalogue.formsets", "StockRecordFormSet")

pytestmark = pytest.mark.django_db

# PositiveIntegerField: the model refuses what the database cannot store (2³¹-1 on PostgreSQL).
MAX_STOCK = connection.ops.integer_field_range("PositiveIntegerField")[1]


@pytest.fixture
def product_form(db):
    manager = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(manager)
    client.get("/")
    product_class = ProductClassFactory(name="Alimentari", track_stock=True)
    url = reverse("dashboard:catalogue-product-create", kwargs={"product_class_slug": product_class.slug})
    data = {
        "title": "Miele di castagno",
        "structure": "standalone",
        "stockrecords-TOTAL_FORMS": "1",
        "stockrecords-INITIAL_FORMS": "0",
        "stockrecords-0-partner": PartnerFactory().pk,
        "stockrecords-0-partner_sku": "MIELE-1",
        "stockrecords-0-price_currency": "EUR",
        "stockrecords-0-price": "9,50",
        "stockrecords-0-num_in_stock": "40",
        "productcategory_set-TOTAL_FORMS": "1",
        "productcategory_set-INITIAL_FORMS": "0",
        "productcategory_set-0-category": Category.add_root(name="Dispensa").pk,
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "primary_recommendations-TOTAL_FORMS": "0",
        "primary_recommendations-INITIAL_FORMS": "0",
    }
    return client, url, data


def test_the_dashboard_uses_the_shops_stock_record_form():
    assert isinstance(StockRecordFormSet.form.base_fields["price"], MoneyField)


@given(price=money_texts(), stock=st.one_of(st.just("40"), quantity_texts()))
@example(price="9,50", stock="40")
@example(price="1.234,50", stock="0")
@example(price="1e3", stock="40")
@example(price="9,50", stock="1.000")
@example(price="9,50", stock="2147483648")
@example(price="9,50", stock="9223372036854775808")
@example(price="9,50", stock="")
def test_price_and_stock(product_form, price, stock):
    client, url, data = product_form
    want_price, want_stock = expected_money(price), expected_quantity(stock)
    good = (
        want_price is not None and want_price >= 0 and want_stock is not None and 0 <= want_stock <= MAX_STOCK
    )
    with example_rolled_back():
        before = db_state()
        response = client.post(
            url, {**data, "stockrecords-0-price": price, "stockrecords-0-num_in_stock": stock}
        )
        if good:
            assert response.status_code == 302, response.context["stockrecord_formset"].errors
            record = Product.objects.get(title="Miele di castagno").stockrecords.get()
            assert (record.price, record.num_in_stock) == (want_price, want_stock)
            assert db_state()["partner_stockrecord"] == before["partner_stockrecord"] + 1
            return
        assert response.status_code == 200
        formset = response.context["stockrecord_formset"]
        assert_italian([e for form in formset.forms for e in form_errors(form)])
        assert_kept(response, price)
        assert_kept(response, stock)
        assert db_state() == before, changed(before, db_state())


def test_regression_an_italian_price_was_refused_in_the_dashboard(product_form):
    client, url, data = product_form
    response = client.post(url, {**data, "stockrecords-0-price": "9,50"})
    assert response.status_code == 302
    assert Product.objects.get().stockrecords.get().price == Decimal("9.50")
