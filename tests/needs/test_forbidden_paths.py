from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from shop.needs import selectors, services
from shop.needs.models import CaredPerson, HouseholdProfile
from tests.needs.conftest import GRONE, need, supplier, supplier_login

SECRET_YEAR = timezone.localdate().year - 83


def _profile(employee, places):
    return services.household_profile_save(
        user=employee.user,
        consent=True,
        home_municipality=places[GRONE],
        working_hours="shifts",
        needs=[need("familiare-disabile")],
        people=[
            {
                "kind": CaredPerson.Kind.DISABLED,
                "relation": CaredPerson.Relation.PARENT_IN_LAW,
                "birth_year": SECRET_YEAR,
                "municipality": places["casazza"],
            }
        ],
    )


def _leaks(response) -> bool:
    body = response.content.decode()
    return str(SECRET_YEAR) in body or "Casazza" in body or "suocer" in body or "parent-in-law" in body


def test_hr_contact_never_sees_an_employees_household(client, employee, hr_contact, places):
    _profile(employee, places)
    client.force_login(hr_contact)

    for name in ("needs:household", "needs:household-export"):
        response = client.get(reverse(name))
        assert response.status_code in (200, 404)
        assert not _leaks(response)
    assert selectors.household_for_user(user=hr_contact) is None
    # Nothing in the taxonomy or coverage pages either.
    assert client.get(reverse("needs:dashboard-coverage")).status_code == 403
    assert client.get(reverse("needs:dashboard-needs")).status_code == 403


def test_supplier_never_sees_a_household_nor_who_needs_what(client, employee, places, categories):
    _profile(employee, places)
    partner = supplier(name="Cooperativa Sollievo", seat=places[GRONE], serves=[places[GRONE]])
    client.force_login(supplier_login(partner))

    assert not _leaks(client.get(reverse("needs:household")))
    assert client.get(reverse("needs:household-export")).status_code == 404
    assert client.get(reverse("needs:dashboard-coverage")).status_code == 403
    response = client.get(reverse("needs:supplier-requests"))
    assert response.status_code == 200 and not _leaks(response)


def test_manager_gets_counts_of_five_or_more_only(client, employee, manager, places):
    _profile(employee, places)
    client.force_login(manager)

    response = client.get(reverse("needs:dashboard-coverage"))

    assert response.status_code == 200
    body = response.content.decode()  # Casazza is a column of the matrix: look for the person instead
    assert str(SECRET_YEAR) not in body and "suocer" not in body and "parent-in-law" not in body
    counts = dict((n.slug, c) for n, c in response.context["households"])
    assert counts["familiare-disabile"] == "< 5"


def test_household_profiles_are_not_in_the_admin():
    assert HouseholdProfile not in admin.site._registry
    assert CaredPerson not in admin.site._registry
