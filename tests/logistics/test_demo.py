"""The logistics demo: one box packed at the station, so a round is out for delivery."""

import io
import random

import pytest
from django.urls import reverse

from shop.core.roles import Role, grant_role
from shop.demo import logistics as demo
from shop.logistics.models import Box, BoxItem, Round, WorkSession
from shop.logistics.selectors import rounds_for_delivery
from tests.factories.eligibility import EmployeeFactory, UserFactory
from tests.factories.logistics import boxed_product


@pytest.fixture
def demo_world(employer, sarnico, villongo, predore, hub):
    """What load() finds in a demo database: boxed products, employees in a zone, the SFA operator."""
    for title in ["Mele della valle", "Miele di castagno", "Farina di mais", "Uova fresche"]:
        boxed_product(title=title, price="6.00")
    for municipality in [sarnico, villongo, predore]:
        EmployeeFactory(employer=employer, home_municipality=municipality)
    operator = UserFactory(email=demo.OPERATOR_EMAIL)
    grant_role(operator, Role.SFA_OPERATOR)
    return operator


def _load():
    out = io.StringIO()
    demo.load(stdout=out, rng=random.Random(7))
    return out.getvalue()


def test_demo_packs_one_box_at_the_station_and_its_round_is_out_for_delivery(demo_world):
    output = _load()

    packed = Box.objects.exclude(status__in=[Box.Status.TO_PACK, Box.Status.PACKING])
    assert packed.count() == 1
    box = packed.get()
    assert box.status == Box.Status.PACKED and box.packed_at is not None
    assert f"box {box.pk} packed for delivery" in output
    # Packed by the first trainee, item by item, in a session the operator opened and closed.
    assert box.items.exists()
    assert set(box.items.values_list("status", "handled_by__code")) == {
        (BoxItem.Status.DONE, demo.TRAINEE_CODES[0])
    }
    session = WorkSession.objects.get()
    assert session.opened_by == demo_world and session.ended_at is not None
    assert session.trainee.code == demo.TRAINEE_CODES[0]
    # Its round is listed for delivery; the other boxes are left for the packing station.
    assert box.round in rounds_for_delivery(upcoming_only=True)
    others = Box.objects.exclude(pk=box.pk)
    assert others.exists()
    assert set(others.values_list("status", flat=True)) == {Box.Status.TO_PACK}
    assert box.round.status == Round.Status.PACKING and box.round.boxes.count() > 1


def test_a_second_demo_load_packs_nothing_more(demo_world):
    _load()
    packed = list(Box.objects.filter(status=Box.Status.PACKED).values_list("pk", "packed_at"))
    sessions = list(WorkSession.objects.values_list("pk", "ended_at"))

    output = _load()

    assert list(Box.objects.filter(status=Box.Status.PACKED).values_list("pk", "packed_at")) == packed
    assert list(WorkSession.objects.values_list("pk", "ended_at")) == sessions
    assert len(packed) == len(sessions) == 1
    assert "packed for delivery" not in output


def test_the_operator_reaches_the_packed_round_from_the_delivery_list(demo_world, client):
    _load()
    round_ = Box.objects.get(status=Box.Status.PACKED).round
    client.force_login(demo_world)

    listing = client.get(reverse("logistics:delivery-rounds"))
    page = client.get(reverse("logistics:delivery-round", args=[round_.pk]))

    assert listing.status_code == 200
    assert reverse("logistics:delivery-round", args=[round_.pk]) in listing.content.decode()
    assert page.status_code == 200 and page.context["round"] == round_
