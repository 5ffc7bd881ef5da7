"""The packing station's posted numbers, the operator's trainee codes, and the report periods.

The station's box and item numbers come from buttons, but anything can be posted: a junk or
huge number is refused with an Italian message (Oscar-style redirect) and writes nothing. A
report period typed in the query string is refused on the page, in Italian, kept in the form.
"""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from shop.core.roles import Role, grant_role
from shop.logistics.models import TraineeCode
from shop.logistics.services import trainee_code_create, work_session_open
from tests.factories.eligibility import UserFactory
from tests.fuzz.helpers import (
    NASTY_NUMBERS,
    assert_italian,
    assert_kept,
    changed,
    db_state,
    example_rolled_back,
    form_errors,
    quantity_texts,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db):
    user = UserFactory()
    grant_role(user, Role.SFA_OPERATOR)
    client = Client()
    client.force_login(user)
    client.get("/")
    return user, client


@pytest.fixture
def station(operator):
    user, _client = operator
    trainee = trainee_code_create(code="T-07")
    work_session_open(trainee=trainee, by=user)
    client = Client()
    client.force_login(trainee.user)
    client.get("/")
    return client


@given(box=quantity_texts(), item=st.integers(min_value=0, max_value=10**30))
@example(box="99999999999999999999999999", item=10**20)
@example(box="-1", item=0)
def test_station_posts_with_junk_numbers_write_nothing(station, box, item):
    with example_rolled_back():
        before = db_state()
        for url, data in [
            (reverse("logistics:station-undo"), {"box": box}),
            (reverse("logistics:station-close-box"), {"box": box}),
            (reverse("logistics:station-item", args=[item]), {"status": "done"}),
            (reverse("logistics:station-item", args=[item]), {"status": box}),
        ]:
            response = station.post(url, data)
            assert response.status_code == 302 and response.url == reverse("logistics:station")
            errors = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
            assert_italian(errors)
        assert db_state() == before, changed(before, db_state())


@given(
    code=st.one_of(
        st.sampled_from(["", " ", "T 07", "Mario Rossi", "T-07", "t-07", "X" * 13, "T-\x00"]),
        st.text(max_size=14),
    )
)
@example(code="T-08")
def test_trainee_codes(operator, code):
    _user, client = operator
    TraineeCode.objects.get_or_create(code="T-07", defaults={"user": UserFactory()})
    with example_rolled_back():
        before = db_state()
        response = client.post(reverse("logistics:trainees"), {"code": code})
        good = re.fullmatch(r"[A-Za-z0-9-]{2,12}", code) and code.upper() != "T-07"
        if good:
            assert response.status_code == 302
            assert TraineeCode.objects.filter(code=code.upper()).exists()
            return
        assert response.status_code == 200
        assert_italian(form_errors(response.context["form"]))
        assert_kept(response, code)
        assert db_state() == before, changed(before, db_state())


@pytest.fixture
def manager_client(db):
    user = UserFactory(is_staff=True)
    grant_role(user, Role.MANAGER)
    client = Client()
    client.force_login(user)
    client.get("/")
    return client


DATES = st.one_of(
    st.sampled_from(
        [
            "",
            "2026-01-01",
            "31/12/2026",
            "31/02/2026",
            "2026-13-01",
            "ieri",
            "0000-00-00",
            "9999-12-31",
            "2026-01-01\x00",
            "1" * 300,
            *NASTY_NUMBERS[:12],
        ]
    ),
    st.dates().map(str),
    st.text(max_size=12),
)


@given(date_from=DATES, date_to=DATES, area=st.sampled_from(["", "val_cavallina", "marte", "\x00"]))
def test_report_periods(manager_client, date_from, date_to, area):
    with example_rolled_back():
        before = db_state()
        response = manager_client.get(
            reverse("reports:manager"), {"date_from": date_from, "date_to": date_to, "area": area}
        )
        assert response.status_code == 200
        form = response.context["form"]
        if not form.is_valid():
            assert_italian(form_errors(form))
            for typed in (date_from, date_to):
                if "\x00" not in typed:
                    assert_kept(response, typed)
        assert db_state() == before, changed(before, db_state())
