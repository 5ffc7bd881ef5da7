"""Who may buy is checked at every checkout step and again on the place-order POST."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.eligibility.models import Employer, ResidentProfile
from tests.factories import product_with_price
from tests.factories.eligibility import EmployeeFactory, TerritoryMunicipalityFactory, UserFactory

Country = get_model("address", "Country")
Order = get_model("order", "Order")

ADDRESS = {
    "first_name": "Giulia",
    "last_name": "Rossi",
    "line1": "Via Roma 1",
    "line4": "Lovere",
    "postcode": "24065",
    "country": "IT",
    "phone_number": "",
}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shop_ready(db):
    Country.objects.update_or_create(
        iso_3166_1_a2="IT",
        defaults={"name": "Italia", "printable_name": "Italia", "is_shipping_country": True},
    )


@pytest.fixture
def product(db):
    return product_with_price(price="12.50")


def fill_basket(client, product):
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert response.status_code == 302


def reach_preview(client, product):
    fill_basket(client, product)
    assert client.post(reverse("checkout:shipping-address"), ADDRESS).status_code == 302
    assert client.get(reverse("checkout:shipping-method")).status_code == 302
    assert client.get(reverse("checkout:payment-details")).status_code == 200
    preview = client.post(reverse("checkout:preview"), {"credit": "0,00", "rest_method": "cash"})
    assert preview.status_code == 200, "the checkout preview must be reachable before the rule changes"


def place_order(client):
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def warnings_of(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_eligible_employee_places_an_order(client, product):
    user = UserFactory()
    EmployeeFactory(user=user)
    client.force_login(user)
    reach_preview(client, product)
    response = place_order(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:thank-you")
    assert Order.objects.filter(user=user).count() == 1


def test_employer_suspended_between_basket_and_placement_refuses_the_order(client, product):
    user = UserFactory()
    employee = EmployeeFactory(user=user)
    client.force_login(user)
    reach_preview(client, product)

    Employer.objects.filter(pk=employee.employer.pk).update(status=Employer.Status.SUSPENDED)
    response = place_order(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("basket:summary")
    assert "dipendenti delle aziende socie" in warnings_of(response)
    assert not Order.objects.exists()


def test_employment_ended_yesterday_refuses_the_order_at_placement(client, product):
    user = UserFactory()
    employee = EmployeeFactory(user=user)
    client.force_login(user)
    reach_preview(client, product)

    employee.end_date = timezone.localdate() - datetime.timedelta(days=1)
    employee.save()
    response = place_order(client)

    assert response["Location"] == reverse("basket:summary")
    assert not Order.objects.exists()


def test_employment_ending_today_still_places_the_order(client, product):
    user = UserFactory()
    employee = EmployeeFactory(user=user)
    client.force_login(user)
    reach_preview(client, product)

    employee.end_date = timezone.localdate()
    employee.save()
    response = place_order(client)

    assert response["Location"] == reverse("checkout:thank-you")
    assert Order.objects.count() == 1


def test_non_employee_is_stopped_at_the_first_checkout_step_while_citizens_are_off(client, product, settings):
    settings.SHOP_CITIZEN_PURCHASES = False
    user = UserFactory()
    ResidentProfile.objects.create(user=user, home_municipality=TerritoryMunicipalityFactory())
    client.force_login(user)
    fill_basket(client, product)
    response = client.get(reverse("checkout:shipping-address"))
    assert response.status_code == 302
    assert response["Location"] == reverse("basket:summary")
    assert "dipendenti" in warnings_of(response)


def test_resident_citizen_buys_paying_in_full_when_citizens_are_on(client, product, settings):
    settings.SHOP_CITIZEN_PURCHASES = True
    user = UserFactory()
    ResidentProfile.objects.create(user=user, home_municipality=TerritoryMunicipalityFactory())
    client.force_login(user)
    reach_preview(client, product)
    response = place_order(client)
    assert response["Location"] == reverse("checkout:thank-you")
    assert Order.objects.filter(user=user).count() == 1


def test_citizen_switched_off_between_preview_and_placement_is_refused(client, product, settings):
    settings.SHOP_CITIZEN_PURCHASES = True
    user = UserFactory()
    ResidentProfile.objects.create(user=user, home_municipality=TerritoryMunicipalityFactory())
    client.force_login(user)
    reach_preview(client, product)
    settings.SHOP_CITIZEN_PURCHASES = False
    response = place_order(client)
    assert response["Location"] == reverse("basket:summary")
    assert not Order.objects.exists()


def test_anonymous_checkout_goes_to_login(client, product):
    fill_basket(client, product)
    response = client.get(reverse("checkout:shipping-address"))
    assert response.status_code == 302
    assert reverse("customer:login") in response["Location"]
