import io
import random

import pytest

from shop.demo import eligibility as demo
from shop.eligibility.models import Invitation, JoinRequest
from tests.factories.eligibility import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_demo_adds_invitations_and_join_requests_once(employer, hr_user):
    for _i in range(3):
        EmployeeFactory(employer=employer)
    for _run in range(2):
        demo.load(stdout=io.StringIO(), rng=random.Random("demo"))
    assert Invitation.objects.filter(employee__employer=employer).count() == 2
    assert sorted(JoinRequest.objects.filter(employer=employer).values_list("status", flat=True)) == [
        "pending",
        "refused",
    ]
    for join_request in JoinRequest.objects.all():
        join_request.full_clean()  # valid codice fiscale and all


def test_demo_without_hr_login_adds_nothing():
    out = io.StringIO()
    demo.load(stdout=out, rng=random.Random("demo"))
    assert "nothing" in out.getvalue()
    assert not JoinRequest.objects.exists()
