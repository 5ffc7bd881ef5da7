"""One rule everywhere: each gating case on the storefront, search, basket and checkout."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from haystack import connections
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.apps.checkout.session import CheckoutSessionMixin
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from shop.charter.selectors import (
    partner_may_sell,
    partner_sale_refusal,
    sellable_partner_id_set,
    sellable_partner_ids,
)
from tests.charter.conftest import GATING_CASES
from tests.factories.charter import sign_every_version

Product = get_model("catalogue", "Product")
Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("build, may_sell", GATING_CASES)
def test_partner_may_sell_matches_queryset_form(build, may_sell, v1, today):
    partner = build(v1, today)
    assert partner_may_sell(partner) is may_sell
    assert (partner.pk in set(sellable_partner_ids().values_list("partner_id", flat=True))) is may_sell
    assert (partner.pk in sellable_partner_id_set()) is may_sell  # the storefront gate's one statement
    assert (partner_sale_refusal(partner) is None) is may_sell


@pytest.mark.parametrize("build, may_sell", GATING_CASES)
def test_category_page_lists_only_sellable_suppliers(
    build, may_sell, v1, today, client, category, make_product, good_supplier
):
    make_product(build(v1, today), title="Formaggio in questione")
    sign_every_version(good_supplier)
    make_product(good_supplier, title="Miele di castagno")
    response = client.get(category.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Miele di castagno" in html
    assert ("Formaggio in questione" in html) is may_sell


@pytest.mark.parametrize("build, may_sell", GATING_CASES)
def test_product_page_shows_availability_by_charter(build, may_sell, v1, today, client, make_product):
    product = make_product(build(v1, today), title="Salame nostrano")
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    with translation.override("it"):
        info = Selector().strategy(request=response.wsgi_request).fetch_for_product(product)
        assert info.availability.is_available_to_buy is may_sell
        allowed, reason = info.availability.is_purchase_permitted(1)
    if not may_sell:
        assert not allowed and str(reason).startswith("Il fornitore non può vendere: ")
        assert "supplier-cannot-sell" in response.content.decode()


@pytest.mark.parametrize("build, may_sell", GATING_CASES)
def test_search_index_queryset_excludes_suppliers_that_may_not_sell(build, may_sell, v1, today, make_product):
    product = make_product(build(v1, today), title="Olio del lago")
    index = connections["default"].get_unified_index().get_index(Product)
    assert index.index_queryset().filter(pk=product.pk).exists() is may_sell
    assert index.read_queryset().filter(pk=product.pk).exists() is may_sell


@pytest.mark.parametrize("build, may_sell", GATING_CASES)
def test_basket_add_is_refused_when_supplier_may_not_sell(
    build, may_sell, v1, today, client, customer, make_product
):
    product = make_product(build(v1, today), title="Casoncelli")
    client.force_login(customer)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    basket = Basket.objects.filter(owner=customer).first()
    quantity = basket.num_items if basket else 0
    assert (quantity == 1) is may_sell


@pytest.mark.parametrize("build, may_sell", GATING_CASES)
def test_order_refuses_only_the_gated_line(build, may_sell, v1, today, customer, make_product, good_supplier):
    gated = make_product(build(v1, today), title="Formaggio in questione")
    sign_every_version(good_supplier)
    good = make_product(good_supplier, title="Miele di castagno")
    basket = Basket.objects.create(owner=customer)
    basket.strategy = Selector().strategy()
    # Lines already in the basket from before the supplier stopped selling (add_product does not check).
    basket.add_product(good, 1)
    basket.add_product(gated, 1)

    request = RequestFactory().get("/checkout/")
    request.user = customer
    request.basket = Basket.objects.get(pk=basket.pk)
    request.strategy = request.basket.strategy = Selector().strategy(request=request)
    check = CheckoutSessionMixin()
    if may_sell:
        check.check_basket_is_valid(request)
        order = create_order(basket=request.basket, user=customer)
        assert order.lines.count() == 2
        return

    with translation.override("it"), pytest.raises(FailedPreCondition) as refused:
        check.check_basket_is_valid(request)
    assert refused.value.url == reverse("basket:summary")
    assert len(refused.value.messages) == 1 and "Formaggio in questione" in refused.value.messages[0]
    assert "Il fornitore non può vendere" in refused.value.messages[0]
    # The rest of the basket is untouched; once the buyer removes the gated line, the order goes.
    assert request.basket.all_lines().count() == 2
    request.basket.lines.filter(product=gated).delete()
    request.basket = Basket.objects.get(pk=basket.pk)
    request.basket.strategy = request.strategy
    check.check_basket_is_valid(request)
    order = create_order(basket=request.basket, user=customer)
    assert [line.product_id for line in order.lines.all()] == [good.pk]
