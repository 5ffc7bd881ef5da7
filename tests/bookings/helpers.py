"""Booking through the basket and placing the order as checkout does (credit first)."""

from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from shop.bookings.services import booking_add_to_basket
from shop.welfare.selectors import basket_credit_lines
from shop.welfare.services import credit_allocate, credit_reserve_for_order

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")


def open_basket(user):
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    return basket


def book(*, calendar, user, start, basket=None, **where):
    basket = basket or open_basket(user)
    booking = booking_add_to_basket(basket=basket, calendar=calendar, buyer=user, start=start, **where)
    return basket, booking


def place(*, basket, user, credit=None):
    """Allocate credit (None: as much as possible), create the order, reserve per line."""
    allocations = credit_allocate(user=user, lines=basket_credit_lines(basket), amount=credit)
    order = create_order(basket=basket, user=user)
    credit_reserve_for_order(order=order, basket=basket, allocations=allocations)
    return order


def book_and_order(*, calendar, user, start, credit=None, **where):
    basket, booking = book(calendar=calendar, user=user, start=start, **where)
    order = place(basket=basket, user=user, credit=credit)
    booking.refresh_from_db()
    return order, booking
