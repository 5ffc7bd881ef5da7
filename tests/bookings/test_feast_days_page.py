"""The supplier adds its town's feast days in the dashboard: slots skip them from then on; bad
input is refused in Italian, kept and writes nothing; another supplier can neither see, add for
nor remove them."""

import datetime

import pytest
from django.urls import reverse
from django.utils.translation import override

from shop.bookings.models import LocalFeastDay
from shop.bookings.slots import generate_slots
from shop.core.roles import Role, grant_role
from tests.factories import PartnerFactory
from tests.factories.bookings import ROME, service_calendar
from tests.factories.eligibility import UserFactory

T = datetime.time
D = datetime.date
PAGE = "bookings-dashboard:feast-days"


@pytest.fixture
def supplier_a(db):
    return PartnerFactory(name="Fisio Lovere")  # supplier B and the users: tests/bookings/conftest.py


def post(client, **fields):
    data = {f"feast-{key}": value for key, value in fields.items()}
    return client.post(reverse(PAGE), data)


def test_a_feast_day_added_in_the_dashboard_closes_the_supplier_calendars(client, supplier_a, user_a, clock):
    calendar = service_calendar(partner=supplier_a, windows=((T(9), T(10)),))
    client.force_login(user_a)

    response = post(client, partner=supplier_a.pk, day="4", month="3", name="San Lucio")

    assert response.status_code == 302
    feast = LocalFeastDay.objects.get()
    assert (feast.partner, feast.day, feast.month, feast.name) == (supplier_a, 4, 3, "San Lucio")
    slots = generate_slots(calendar=calendar, date_from=D(2026, 3, 3), date_to=D(2026, 3, 5))
    assert sorted({s.start.astimezone(ROME).date() for s in slots}) == [D(2026, 3, 3), D(2026, 3, 5)]
    with override("it"):
        page = client.get(reverse(PAGE)).content.decode()
    assert "4 marzo — San Lucio" in page


@pytest.mark.parametrize(
    ("day", "month", "name", "message"),
    [
        ("31", "2", "San Faustino", "Quel mese non ha questo giorno."),
        ("30", "2", "San Faustino", "Quel mese non ha questo giorno."),
        ("12", "13", "San Faustino", "Scegli un'opzione valida."),
        ("12", "2", "", "Questo campo è obbligatorio."),
    ],
)
def test_bad_input_is_refused_in_italian_kept_and_writes_nothing(
    client, supplier_a, user_a, day, month, name, message
):
    client.force_login(user_a)
    with override("it"):
        response = post(client, partner=supplier_a.pk, day=day, month=month, name=name)

    assert response.status_code == 200
    page = response.content.decode()
    assert message.replace("'", "&#x27;") in page
    if name:
        assert f'value="{name}"' in page
    assert not LocalFeastDay.objects.exists()


def test_the_same_day_twice_is_refused(client, supplier_a, user_a):
    LocalFeastDay.objects.create(partner=supplier_a, day=4, month=3, name="San Lucio")
    client.force_login(user_a)
    with override("it"):
        response = post(client, partner=supplier_a.pk, day="4", month="3", name="Festa del paese")

    assert response.status_code == 200
    assert "04/03 è già una festa di Fisio Lovere" in response.content.decode().replace("&#x27;", "'")
    assert LocalFeastDay.objects.count() == 1


def test_another_supplier_neither_sees_adds_for_nor_removes_a_feast_day(
    client, supplier_a, user_a, user_b
):
    feast = LocalFeastDay.objects.create(partner=supplier_a, day=4, month=3, name="San Lucio")
    client.force_login(user_b)

    assert "San Lucio" not in client.get(reverse(PAGE)).content.decode()
    response = post(client, partner=supplier_a.pk, day="5", month="3", name="Intrusa")
    assert response.status_code == 200
    assert not LocalFeastDay.objects.filter(name="Intrusa").exists()
    delete = client.post(reverse("bookings-dashboard:feast-day-delete", args=[feast.pk]))
    assert delete.status_code == 404
    assert LocalFeastDay.objects.filter(pk=feast.pk).exists()


def test_the_owner_removes_it_and_an_employee_is_refused(client, supplier_a, user_a):
    feast = LocalFeastDay.objects.create(partner=supplier_a, day=4, month=3, name="San Lucio")
    employee = UserFactory()
    client.force_login(employee)
    assert client.get(reverse(PAGE)).status_code == 403
    assert client.post(reverse("bookings-dashboard:feast-day-delete", args=[feast.pk])).status_code == 403

    client.force_login(user_a)
    response = client.post(reverse("bookings-dashboard:feast-day-delete", args=[feast.pk]))
    assert response.status_code == 302
    assert not LocalFeastDay.objects.exists()


def test_the_manager_chooses_the_supplier(client, supplier_a, supplier_b):
    manager = UserFactory(is_staff=True)
    grant_role(manager, Role.MANAGER)
    client.force_login(manager)

    page = client.get(reverse(PAGE)).content.decode()
    assert "Assistenza Altrove" in page and "Fisio Lovere" in page  # the supplier select
    post(client, partner=supplier_b.pk, day="24", month="8", name="San Bartolomeo")
    assert LocalFeastDay.objects.get().partner == supplier_b
