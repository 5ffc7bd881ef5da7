"""Where a service takes place and how many sessions it holds are facts of the product sold:
the supplier sets them on the product's card, and the calendar, the slots offered and the
booking read them from there, so a single session can never book a ten-session cycle."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.test.factories import CategoryFactory

from shop.bookings.models import ServiceCalendar
from shop.bookings.slots import generate_slots
from tests.factories import PartnerFactory, ProductClassFactory, product_form_data
from tests.factories.bookings import service_calendar, service_product

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


@pytest.fixture
def supplier():
    return PartnerFactory(name="Fisio Sebino")


@pytest.fixture
def signed_in(client, supplier):
    client.force_login(supplier.users.first())
    return client


def product_data(*, supplier, title, category, stock="", **fields) -> dict:
    return product_form_data(
        partner=supplier, title=title, category=category, price="421,00", stock=stock, sku="FS-1", **fields
    )


def create_url(product_class) -> str:
    return reverse("dashboard:catalogue-product-create", kwargs={"product_class_slug": product_class.slug})


@pytest.fixture
def service_class():
    return ProductClassFactory(name="Servizio", requires_shipping=False, track_stock=False, vat_rate="22")


def test_supplier_sells_a_ten_session_cycle_and_its_calendar_books_ten(signed_in, supplier, service_class):
    data = product_data(
        supplier=supplier,
        title="Fisioterapia — ciclo di 10",
        category=CategoryFactory(),
        service_place="seat",
        session_count="10",
    )

    response = signed_in.post(create_url(service_class), data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    product = Product.objects.get(title="Fisioterapia — ciclo di 10")
    assert (product.service_place, product.session_count) == ("seat", 10)
    record = product.stockrecords.get()
    calendar = ServiceCalendar.objects.create(
        stockrecord=record, partner=supplier, product=product, min_notice_hours=0, horizon_days=200
    )
    calendar.weekly_slots.create(weekday=0, start=datetime.time(9), end=datetime.time(10))
    monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    slots = generate_slots(calendar=calendar, date_from=monday, date_to=monday)
    assert [len(slot.sessions) for slot in slots] == [10]


@pytest.mark.parametrize("typed", ["0", "61", "-3"])
def test_a_session_count_out_of_range_is_refused_in_italian(signed_in, supplier, service_class, typed):
    data = product_data(
        supplier=supplier,
        title="Seduta",
        category=CategoryFactory(),
        service_place="home",
        session_count=typed,
    )

    response = signed_in.post(create_url(service_class), data)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["session_count"] == ["Un servizio comprende da 1 a 60 incontri."]
    assert form["session_count"].value() == typed
    assert not Product.objects.filter(title="Seduta").exists()


def test_goods_have_no_place_or_sessions_to_set(signed_in, supplier):
    goods = ProductClassFactory(name="Alimentari", requires_shipping=True, track_stock=True)
    url = create_url(goods)

    assert "session_count" not in signed_in.get(url).context["form"].fields
    data = product_data(
        supplier=supplier, title="Miele", category=CategoryFactory(), stock="4", session_count="10"
    )
    response = signed_in.post(url, data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    assert Product.objects.get(title="Miele").session_count == 1


def test_changing_the_product_changes_what_its_calendar_offers(supplier):
    calendar = service_calendar(
        partner=supplier,
        title="Fisioterapia",
        weekdays=(0,),
        windows=((datetime.time(9), datetime.time(10)),),
    )
    monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    assert [len(s.sessions) for s in generate_slots(calendar=calendar, date_from=monday, date_to=monday)] == [
        1
    ]

    Product.objects.filter(pk=calendar.product_id).update(session_count=4, service_place="home")
    calendar = ServiceCalendar.objects.get(pk=calendar.pk)

    assert [len(s.sessions) for s in generate_slots(calendar=calendar, date_from=monday, date_to=monday)] == [
        4
    ]
    assert calendar.is_home and calendar.get_where_display() == "a casa di chi acquista"


def test_the_database_refuses_a_product_without_sessions(supplier):
    from django.db import IntegrityError, transaction

    product, _record = service_product(partner=supplier)
    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(session_count=0)
    product.refresh_from_db()
    assert product.session_count == 1


@pytest.mark.browser
def test_the_service_card_in_the_browser_asks_where_and_how_many_sessions(browser, live_server, supplier):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from tests.a11y.sweep import check_at_both_sizes
    from tests.browser import sign_in_with_session

    product, _record = service_product(partner=supplier, title="Fisioterapia — ciclo di 10", session_count=10)
    sign_in_with_session(browser, live_server, supplier.users.first())
    browser.get(live_server.url + reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))

    assert browser.find_element(By.ID, "id_session_count").get_attribute("value") == "10"
    place = Select(browser.find_element(By.ID, "id_service_place"))
    assert place.first_selected_option.text == "presso la sede del fornitore"
    assert [o.text for o in place.options] == ["presso la sede del fornitore", "a casa di chi acquista"]
    check_at_both_sizes(browser, "service card", touch_targets=False)
