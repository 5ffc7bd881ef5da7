from decimal import Decimal

import pytest

from shop.logistics.rules import route_nearest_neighbour
from shop.logistics.selectors import round_pick_list, round_route
from tests.factories import PartnerFactory
from tests.factories.eligibility import EmployeeFactory, UserFactory
from tests.factories.logistics import boxed_product, paid_order
from tests.factories.welfare import funded_plan
from tests.logistics.helpers import packable_boxes


@pytest.fixture
def two_orders(buyer, employer, zone, villongo, predore, no_auto_assign):
    other = UserFactory()
    EmployeeFactory(employer=employer, user=other, home_municipality=predore)
    funded_plan(employer=employer)
    bees = PartnerFactory(name="Apicoltura Monte Bronzone")
    farm = PartnerFactory(name="Cascina del Lago")
    honey = boxed_product(title="Miele di castagno", price="9.00", partner=bees)
    eggs = boxed_product(title="Uova fresche", price="3.20", partner=farm)
    apples = boxed_product(title="Mele di collina", price="5.50", partner=farm)
    first = paid_order(user=buyer, lines=[(honey, 2), (eggs, 1)])
    second = paid_order(user=other, lines=[(honey, 1), (eggs, 3), (apples, 2)])
    return packable_boxes([first, second])


def test_pick_list_totals_units_per_product_and_supplier(two_orders):
    picks = round_pick_list(round=two_orders[0].round)
    got = {pick.supplier: {row.product_title: row.quantity for row in pick.rows} for pick in picks}
    assert got == {
        "Apicoltura Monte Bronzone": {"Miele di castagno": 3},
        "Cascina del Lago": {"Mele di collina": 2, "Uova fresche": 4},
    }
    assert [pick.total_units for pick in picks] == [3, 6]


def test_route_goes_to_the_nearest_municipality_first(hub, sarnico, villongo, predore):
    stops = route_nearest_neighbour(hub=hub, places=[predore, sarnico, villongo])
    assert [stop.place.name for stop in stops] == ["Villongo", "Sarnico", "Predore"]
    assert stops[-1].total_km == sum((stop.leg_km for stop in stops), Decimal("0.0"))


def test_round_route_visits_each_municipality_of_its_boxes_once(two_orders):
    route = round_route(round=two_orders[0].round)
    assert [stop.place.name for stop in route] == ["Sarnico", "Predore"]
