"""Basket and order lines keep the distance at the time of purchase."""

from decimal import Decimal

from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from shop.km0.services import distances_compute
from tests.factories.km0 import product

Basket = get_model("basket", "Basket")
OrderCreator = get_class("order.utils", "OrderCreator")


def test_basket_line_records_distance_from_the_buyers_home(places, employee):
    apples = product(title="Mele", origin=places["016128"])
    distances_compute()
    basket = Basket.objects.create(owner=employee.user)
    basket.strategy = get_class("partner.strategy", "Selector")().strategy(user=employee.user)
    line, created = basket.add_product(apples)
    line.refresh_from_db()
    assert created
    assert (line.distance_km, line.origin, line.reference_municipality) == (
        Decimal("21.6"),
        places["016128"],
        places["016218"],
    )


def test_anonymous_basket_line_records_distance_from_the_centre(places):
    apples = product(title="Mele", origin=places["016128"])
    basket = Basket.objects.create()
    basket.strategy = get_class("partner.strategy", "Selector")().strategy()
    line, _ = basket.add_product(apples)
    line.refresh_from_db()
    assert line.reference_municipality == places["016119"] and line.distance_km == Decimal("14.6")


def test_order_line_records_distance_when_the_order_is_placed(places, employee):
    apples = product(title="Mele", origin=places["016193"])  # Sarnico, 9.6 km from Trescore
    distances_compute()
    basket = Basket.objects.create(owner=employee.user)
    basket.strategy = get_class("partner.strategy", "Selector")().strategy(user=employee.user)
    basket.add_product(apples)
    # The employee moves to Lovere before placing the order: the order measures from the new home.
    employee.home_municipality = places["016128"]
    employee.save()
    order = create_order(basket=basket, user=employee.user)
    line = order.lines.get()
    assert (line.distance_km, line.origin, line.reference_municipality) == (
        Decimal("17.9"),
        places["016193"],
        places["016128"],
    )
    # Later changes to the product do not rewrite history.
    apples.origin = places["016218"]
    apples.save()
    line.refresh_from_db()
    assert line.distance_km == Decimal("17.9")
