import datetime

import pytest
from django.utils import timezone

from shop.logistics.models import Box, Round
from shop.logistics.rules import delivery_date_for
from shop.logistics.services import box_assign, round_close
from tests.factories.logistics import boxed_product, paid_order, service_product
from tests.factories.welfare import funded_plan

FRIDAY = datetime.date(2026, 11, 27)
NEXT_FRIDAY = datetime.date(2026, 12, 4)


def rome(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.mark.parametrize(
    ("placed", "expected"),
    [
        (rome(2026, 11, 23, 9, 0), FRIDAY),  # Monday
        (rome(2026, 11, 25, 12, 0), FRIDAY),  # Wednesday, exactly at the cut-off
        (rome(2026, 11, 25, 12, 1), NEXT_FRIDAY),  # one minute late
        (rome(2026, 11, 27, 8, 0), NEXT_FRIDAY),  # on the delivery day itself
        (rome(2026, 11, 28, 8, 0), NEXT_FRIDAY),  # Saturday
    ],
)
def test_delivery_day_respects_the_cutoff(placed, expected):
    assert delivery_date_for(placed_at=placed, delivery_days=[4], cutoff_hours=36) == expected


def test_two_delivery_days_take_the_nearest_one_open():
    # Tuesdays and Fridays, 12 hours before (noon the day before): Monday 10:00 still makes Tuesday.
    assert delivery_date_for(
        placed_at=rome(2026, 11, 23, 10, 0), delivery_days=[1, 4], cutoff_hours=12
    ) == datetime.date(2026, 11, 24)
    assert (
        delivery_date_for(placed_at=rome(2026, 11, 24, 10, 0), delivery_days=[1, 4], cutoff_hours=12)
        == FRIDAY
    )


@pytest.fixture
def order(buyer, employer, zone, no_auto_assign):
    funded_plan(employer=employer)
    honey = boxed_product(title="Miele di castagno", price="9.00")
    care = service_product(title="Ora di baby sitting", price="20.00")
    return paid_order(user=buyer, lines=[(honey, 2), (care, 1)])


def test_order_before_cutoff_joins_this_weeks_round(order, zone):
    box = box_assign(order=order, placed_at=rome(2026, 11, 25, 11, 59))
    assert box.round.zone == zone
    assert box.round.delivery_date == FRIDAY
    assert box.round.cutoff_at == rome(2026, 11, 25, 12, 0)
    assert box.municipality.name == "Sarnico"


def test_order_after_cutoff_joins_next_weeks_round(order):
    box = box_assign(order=order, placed_at=rome(2026, 11, 25, 12, 30))
    assert box.round.delivery_date == NEXT_FRIDAY


def test_only_delivered_lines_go_in_the_box(order):
    box = box_assign(order=order, placed_at=rome(2026, 11, 25, 9, 0))
    assert [item.line.title for item in box.items.all()] == ["Miele di castagno"]


def test_assignment_is_idempotent(order):
    first = box_assign(order=order, placed_at=rome(2026, 11, 25, 9, 0))
    again = box_assign(order=order, placed_at=rome(2026, 11, 26, 9, 0))
    assert again.pk == first.pk
    assert Box.objects.count() == 1


@pytest.mark.parametrize("status", [Round.Status.CLOSED, Round.Status.PACKING])
def test_a_round_being_prepared_still_takes_orders_before_its_cutoff(order, zone, status):
    """The issue's case: Thursday 3 December, before the cut-off of Friday 11 December's round."""
    prepared = Round.objects.create(
        zone=zone, delivery_date=datetime.date(2026, 12, 11), cutoff_at=rome(2026, 12, 9, 12, 0)
    )
    round_close(round=prepared)
    Round.objects.filter(pk=prepared.pk).update(status=status)
    box = box_assign(order=order, placed_at=rome(2026, 12, 3, 10, 0))
    assert box.round.pk == prepared.pk
    assert box.round.delivery_date == datetime.date(2026, 12, 11)


def test_an_order_after_the_cutoff_goes_to_the_next_round_even_if_that_one_is_open(order, zone):
    Round.objects.create(
        zone=zone, delivery_date=datetime.date(2026, 12, 11), cutoff_at=rome(2026, 12, 9, 12, 0)
    )
    box = box_assign(order=order, placed_at=rome(2026, 12, 9, 12, 1))
    assert box.round.delivery_date == datetime.date(2026, 12, 18)


def test_delivery_days_skip_public_holidays():
    from shop.core.public_holidays import is_public_holiday

    # Friday 25 December 2026 is Christmas and Friday 1 January New Year's Day: an order of
    # Monday 21 December goes out on Friday 8 January 2027.
    placed = rome(2026, 12, 21, 9, 0)
    assert delivery_date_for(placed_at=placed, delivery_days=[4], cutoff_hours=36) == datetime.date(
        2026, 12, 25
    )
    assert delivery_date_for(
        placed_at=placed, delivery_days=[4], cutoff_hours=36, closed=is_public_holiday
    ) == datetime.date(2027, 1, 8)


def test_an_order_never_joins_a_round_on_christmas(order, zone):
    box = box_assign(order=order, placed_at=rome(2026, 12, 21, 9, 0))
    assert box.round.delivery_date == datetime.date(2027, 1, 8)


def test_order_without_delivered_goods_gets_no_box(buyer, employer, zone, no_auto_assign):
    funded_plan(employer=employer)
    care = service_product(title="Ora di baby sitting", price="20.00")
    order = paid_order(user=buyer, lines=[(care, 1)])
    assert box_assign(order=order) is None


def test_order_outside_every_zone_gets_no_box(order, zone):
    zone.municipalities.clear()
    assert box_assign(order=order) is None


def test_placing_an_order_assigns_its_box(buyer, employer, zone):
    funded_plan(employer=employer)
    honey = boxed_product(title="Miele di castagno", price="9.00")
    order = paid_order(user=buyer, lines=[(honey, 1)])
    box = Box.objects.get(order=order)
    assert box.round.delivery_date == delivery_date_for(
        placed_at=order.date_placed, delivery_days=[4], cutoff_hours=36
    )
