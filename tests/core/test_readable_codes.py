"""Codes and programmers' notation never reach people: line options, order numbers, the 403 page."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order, create_product

from tests.factories.eligibility import EmployerFactory, UserFactory

Basket = get_model("basket", "Basket")
Option = get_model("catalogue", "Option")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def test_a_booked_line_reads_as_option_name_and_value():
    # The booking option itself ("prenotazione") would need a held slot: the same kind of option.
    option = Option._default_manager.create(name="Prenotazione", code="prenotazione-prova", type=Option.TEXT)
    product = create_product(title="Visita nutrizionale", price=30, num_in_stock=5)
    basket = Basket.objects.create(owner=UserFactory())
    basket.strategy = Selector().strategy()
    value = "PM7YHEVF · sabato 5 dicembre 2026, 10:00–11:00"
    line, _created = basket.add_product(product, 1, options=[{"option": option, "value": value}])
    assert line.description == f"Visita nutrizionale — Prenotazione: {value}"
    order = create_order(basket=basket, user=basket.owner)
    assert order.lines.get().description == f"Visita nutrizionale — Prenotazione: {value}"
    assert "= '" not in line.description


def test_order_numbers_are_w_year_and_the_basket_number():
    year = timezone.localdate().year
    basket = Basket.objects.create()
    assert OrderNumberGenerator().order_number(basket) == f"W{year}-{basket.id:04d}"
    # Asked again (a second attempt to pay), the same basket keeps its number.
    assert OrderNumberGenerator().order_number(basket) == f"W{year}-{basket.id:04d}"


def test_a_number_already_taken_outside_checkout_is_skipped():
    year = timezone.localdate().year
    basket = Basket.objects.create()
    create_order(number=f"W{year}-{basket.id:04d}")  # as the demo writes its own numbers
    number = OrderNumberGenerator().order_number(basket)
    assert re.fullmatch(rf"W{year}-\d+", number) and number != f"W{year}-{basket.id:04d}"


def test_a_403_has_the_shops_page():
    client = Client()
    client.force_login(UserFactory())
    employer = EmployerFactory()
    response = client.get(reverse("eligibility:hr-roster", args=[employer.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Accesso non consentito" in html
    assert 'class="site-header"' in html and "<main" in html
    assert "403 Forbidden" not in html
