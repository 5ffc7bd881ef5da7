"""SVG maps: drawn from the polygons, readable without colour, for the right people only."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.test import factories as oscar_factories

from shop.core.roles import Role, grant_role
from shop.km0 import maps
from shop.territory.maps import Projection, render_map
from tests.factories import PartnerFactory


def test_supplier_map_marks_the_seat_and_hatches_the_served_villages(places, home_care):
    partner = home_care.stockrecords.get().partner
    spec = maps.supplier_map(partner=partner)
    svg = str(render_map(spec))
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert set(spec.areas) == {"016193", "016093"}
    assert all(spec.areas[code].pattern == "hatch" for code in spec.areas)
    assert ">Sarnico<" in svg and ">Endine Gaiano<" in svg  # labels, not colour alone
    assert "Lovere" not in spec.description
    assert svg.count('fill="#b02a37"') == 1  # one seat marker


def test_supplier_exact_coordinates_take_precedence_over_the_seat(places):
    partner = PartnerFactory(seat=places["016193"], lat=Decimal("45.70000"), lon=Decimal("9.99000"))
    spec = maps.supplier_map(partner=partner)
    assert (spec.markers[0].lat, spec.markers[0].lon) == (Decimal("45.70000"), Decimal("9.99000"))


def test_projection_keeps_north_up_and_inside_the_view_box():
    project = Projection((9.8, 45.6, 10.1, 45.9))
    x_west, y_north = project(9.8, 45.9)
    x_east, y_south = project(10.1, 45.6)
    assert x_west < x_east and y_north < y_south
    assert 0 <= x_west and x_east <= project.width and 0 <= y_north and y_south <= project.height


def test_coverage_map_counts_services_per_municipality(places, home_care):
    spec, rows = maps.coverage_map()
    counts = {place.pk: n for place, n in rows}
    assert counts["016193"] == 1 and counts["016093"] == 1 and counts["016218"] == 0
    assert spec.areas["016218"].pattern == "cross" and spec.areas["016218"].label == "0"
    assert "Trescore Balneario" in spec.description  # villages without services are named


def test_share_map_uses_the_distance_recorded_on_order_lines(places, employee):
    from oscar.core.loading import get_model

    OrderLine = get_model("order", "Line")
    order = oscar_factories.create_order(user=employee.user)
    line = order.lines.get()
    OrderLine.objects.filter(pk=line.pk).update(
        distance_km=Decimal("21.6"),
        reference_municipality=places["016218"],
        line_price_incl_tax=Decimal("30.00"),
    )
    far = OrderLine.objects.get(pk=line.pk)
    far.pk = None
    far.distance_km, far.line_price_incl_tax = Decimal("120.0"), Decimal("10.00")
    far.save()
    spec, rows = maps.km0_share_map()
    row = dict(rows)[places["016218"]]
    assert row.total == Decimal("40.00") and row.km0 == Decimal("30.00") and row.share == Decimal("75.0")
    assert spec.areas["016218"].label == "75%" and spec.areas["016218"].pattern == "cross"
    assert spec.areas["016193"].label == "–"


@pytest.mark.parametrize("url_name", ["km0:coverage-map", "km0:share-map"])
def test_dashboard_maps_are_for_managers_only(client, places, employee, django_user_model, url_name):
    client.force_login(employee.user)
    assert client.get(reverse(url_name)).status_code == 403
    manager = django_user_model.objects.create_user(
        username="m", email="m@example.com", password="x", is_staff=True
    )
    grant_role(manager, Role.MANAGER)
    client.force_login(manager)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html and "<table" in html and re.search(r"<caption>", html)


def test_territory_menu_entry_is_shown_to_managers(client, places, django_user_model):
    manager = django_user_model.objects.create_user(
        username="m", email="m@example.com", password="x", is_staff=True
    )
    grant_role(manager, Role.MANAGER)
    client.force_login(manager)
    html = client.get(reverse("dashboard:index")).content.decode()
    assert reverse("km0:coverage-map") in html and reverse("km0:share-map") in html
