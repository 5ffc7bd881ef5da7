"""The km-0 badge: radius boundary, home vs territory centre, services reaching the buyer or not."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from oscar.core.loading import get_model

from shop.km0 import selectors
from shop.km0.services import distances_compute
from tests.factories.km0 import product

Product = get_model("catalogue", "Product")


def badge(product_obj, user):
    request = RequestFactory().get("/")
    request.user = user
    with translation.override("it"):
        return render_to_string("km0/_badge.html", {"product": product_obj, "request": request})


def listed(product_obj, home):
    qs = Product._default_manager.filter(pk=product_obj.pk)
    qs = selectors.products_with_reach(
        products=selectors.products_with_distance(products=qs, home=home), municipality=home
    )
    return qs.get()


def test_km0_boundary_is_inclusive_at_the_radius(boundary, places):
    inside = product(title="Bitto", origin=boundary["inside"])
    outside = product(title="Casera", origin=boundary["outside"])
    distances_compute()
    grone = places["016119"]
    assert listed(inside, grone).distance_km == Decimal("69.9")
    assert listed(outside, grone).distance_km == Decimal("70.1")
    assert selectors.is_km0(km=Decimal("70.0")) is True
    within = selectors.products_within_km(products=Product._default_manager.all(), home=grone, km=70)
    assert list(within.values_list("title", flat=True)) == ["Bitto"]


def test_anonymous_badge_counts_from_the_territory_centre(boundary, places):
    inside = product(title="Bitto", origin=boundary["inside"])
    outside = product(title="Casera", origin=boundary["outside"])
    distances_compute()
    assert "Km 0 · 69,9 km dal centro del territorio" in badge(
        listed(inside, places["016119"]), AnonymousUser()
    )
    html = badge(listed(outside, places["016119"]), AnonymousUser())
    assert "Km 0" not in html and "70,1 km dal centro del territorio" in html


def test_employee_badge_counts_from_home(places, employee):
    apples = product(title="Mele", origin=places["016128"])  # Lovere, 21.6 km from Trescore
    distances_compute()
    assert "Km 0 · 21,6 km da casa tua" in badge(Product._default_manager.get(pk=apples.pk), employee.user)


def test_service_badge_says_whether_it_reaches_the_buyers_village(places, home_care):
    from tests.factories.km0 import EmployeeFactory

    distances_compute()
    in_endine = EmployeeFactory(home_municipality=places["016093"])
    in_lovere = EmployeeFactory(home_municipality=places["016128"])
    assert "Raggiunge Endine Gaiano" in badge(listed(home_care, places["016093"]), in_endine.user)
    assert "Non raggiunge Lovere" in badge(Product._default_manager.get(pk=home_care.pk), in_lovere.user)


def test_reference_point_falls_back_from_home_to_centre(places, employee, django_user_model):
    assert selectors.buyer_reference_point(user=employee.user).municipality == places["016218"]
    stranger = django_user_model.objects.create_user(username="x", email="x@example.com", password="x")
    reference = selectors.buyer_reference_point(user=stranger)
    assert reference.municipality == places["016119"] and not reference.is_home
    assert selectors.buyer_reference_point(user=AnonymousUser()).is_home is False


@pytest.mark.django_db
def test_reference_point_is_none_without_territory(settings):
    settings.SHOP_TERRITORY_CENTRE_ISTAT = "999999"
    assert selectors.buyer_reference_point(user=AnonymousUser()) is None
