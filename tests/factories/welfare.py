"""Welfare test helpers: categories, products in them, funded plans, orders paid with credit."""

import datetime
from decimal import Decimal

from django.utils import timezone
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from shop.welfare.selectors import basket_credit_lines
from shop.welfare.services import credit_allocate, credit_reserve_for_order, plan_create, plan_fund
from tests.factories import product_with_price

Basket = get_model("basket", "Basket")
ProductCategory = get_model("catalogue", "ProductCategory")
Selector = get_class("partner.strategy", "Selector")

ON = timezone.localdate()
YEAR_START = datetime.date(ON.year, 1, 1)
YEAR_END = datetime.date(ON.year, 12, 31)


def product_in(*, category_path: str, price: str, benefit_type: str = "c3", **kwargs):
    product = product_with_price(price=price, num_in_stock=1000, categories=[], **kwargs)
    product.benefit_type = benefit_type
    product.save()
    ProductCategory.objects.create(product=product, category=create_from_breadcrumbs(category_path))
    return product


def funded_plan(*, employer, amount="500.00", categories=(), benefit_types=(), on=ON, **kwargs):
    plan = plan_create(
        employer=employer,
        name=kwargs.pop("name", "Piano welfare"),
        year=kwargs.pop("year", ON.year),
        amount_per_employee=Decimal(amount),
        valid_from=kwargs.pop("valid_from", YEAR_START),
        valid_to=kwargs.pop("valid_to", YEAR_END),
        categories=[create_from_breadcrumbs(path) for path in categories],
        benefit_types=benefit_types,
        **kwargs,
    )
    plan_fund(plan=plan, on=on)
    return plan


def basket_with(*, user, lines):
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    for product, quantity in lines:
        basket.add_product(product, quantity)
    return basket


def order_with_credit(*, user, lines, credit=None, on=ON):
    """An order placed the way checkout places it: allocate, create the order, reserve."""
    basket = basket_with(user=user, lines=lines)
    allocations = credit_allocate(user=user, lines=basket_credit_lines(basket), amount=credit, on=on)
    order = create_order(basket=basket, user=user)
    credit_reserve_for_order(order=order, basket=basket, allocations=allocations)
    return order
