from decimal import Decimal

from django.core.management import call_command

from shop.km0.services import distances_compute, homes_that_matter
from shop.territory.models import MunicipalityDistance
from tests.factories.km0 import EmployeeFactory, product


def test_compute_distances_covers_every_home_and_origin_that_matters(places):
    product(title="Mele", origin=places["016128"])  # Lovere, outside the territory
    written = distances_compute()
    homes = homes_that_matter()
    assert homes == {"016218", "016193", "016093", "016119"}  # the territory's municipalities in this test
    assert written == len(homes) * 1
    assert MunicipalityDistance.objects.get(origin=places["016128"], home=places["016218"]).km == Decimal(
        "21.6"
    )


def test_compute_distances_is_idempotent(places):
    product(title="Mele", origin=places["016128"])
    call_command("compute_distances", stdout=open("/dev/null", "w"))
    first = list(MunicipalityDistance.objects.order_by("home", "origin").values_list("home", "origin", "km"))
    call_command("compute_distances", stdout=open("/dev/null", "w"))
    assert (
        list(MunicipalityDistance.objects.order_by("home", "origin").values_list("home", "origin", "km"))
        == first
    )


def test_home_outside_the_territory_gets_its_distances_when_an_employee_lives_there(
    places, django_capture_on_commit_callbacks
):
    product(title="Mele", origin=places["016218"])
    distances_compute()
    assert not MunicipalityDistance.objects.filter(home=places["016128"]).exists()
    with django_capture_on_commit_callbacks(execute=True):
        EmployeeFactory(home_municipality=places["016128"])
    assert MunicipalityDistance.objects.get(home=places["016128"], origin=places["016218"]).km == Decimal(
        "21.6"
    )


def test_new_place_of_origin_gets_its_distances_from_every_home(places, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product(title="Formaggio", origin=places["016128"])
    assert set(
        MunicipalityDistance.objects.filter(origin=places["016128"]).values_list("home", flat=True)
    ) == (homes_that_matter())


def test_demo_load_fills_the_table_and_is_idempotent(places):
    import io
    import random

    from shop.demo import km0 as demo

    product(title="Mele", origin=places["016128"])
    demo.load(stdout=io.StringIO(), rng=random.Random(1))
    count = MunicipalityDistance.objects.count()
    demo.load(stdout=io.StringIO(), rng=random.Random(1))
    assert count == MunicipalityDistance.objects.count() == len(homes_that_matter())
