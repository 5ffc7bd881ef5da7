import json

import pytest
from django.urls import reverse
from django.utils import timezone

from shop.needs import services
from shop.needs.consent import CONSENT_VERSION
from shop.needs.exceptions import ConsentRequired, NotAnEmployee
from shop.needs.models import CaredPerson, ConsentEvent, HouseholdProfile
from tests.needs.conftest import GRONE, need

YEAR = timezone.localdate().year


def _post(places, *, consent=True, **extra):
    data = {
        "home_municipality": places[GRONE].pk,
        "working_hours": "mornings",
        "needs": [need("doposcuola").pk],
        "people-TOTAL_FORMS": "2",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "10",
        "people-0-kind": "child",
        "people-0-relation": "daughter",
        "people-0-birth_year": str(YEAR - 7),
        "people-1-kind": "",
        **extra,
    }
    if consent:
        data["consent"] = "on"
    return data


def test_form_without_consent_keeps_nothing_and_says_why(client, employee, places):
    client.force_login(employee.user)

    response = client.post(reverse("needs:household-edit"), _post(places, consent=False))

    assert response.status_code == 200
    assert not HouseholdProfile.objects.exists() and not CaredPerson.objects.exists()
    assert not ConsentEvent.objects.exists()
    assert response.context["form"].errors["consent"]
    # What was typed stays in the form.
    assert response.context["formset"].forms[0]["birth_year"].value() == str(YEAR - 7)


def test_service_refuses_a_profile_without_consent(employee, places):
    with pytest.raises(ConsentRequired):
        services.household_profile_save(
            user=employee.user,
            consent=False,
            home_municipality=places[GRONE],
            working_hours="",
            needs=[],
            people=[],
        )
    assert not HouseholdProfile.objects.exists()


def test_profile_with_consent_records_version_and_time(client, employee, places):
    client.force_login(employee.user)

    response = client.post(reverse("needs:household-edit"), _post(places))

    assert response.status_code == 302
    profile = HouseholdProfile.objects.get(user=employee.user)
    assert profile.consent_version == CONSENT_VERSION and profile.consent_given_at is not None
    assert list(profile.people.values_list("kind", "birth_year")) == [("child", YEAR - 7)]
    assert ConsentEvent.objects.filter(user=employee.user, action="given").count() == 1


def test_child_without_birth_year_is_refused(client, employee, places):
    client.force_login(employee.user)
    response = client.post(reverse("needs:household-edit"), _post(places, **{"people-0-birth_year": ""}))
    assert response.status_code == 200 and not HouseholdProfile.objects.exists()


def test_export_contains_the_profile(client, employee, places):
    client.force_login(employee.user)
    client.post(reverse("needs:household-edit"), _post(places))

    response = client.get(reverse("needs:household-export"))

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["home_municipality"]["name"] == "Grone"
    assert data["people_cared_for"] == [
        {"kind": "child", "relation": "daughter", "birth_year": YEAR - 7, "lives_in": None}
    ]
    assert data["needs_now"][0]["code"] == "doposcuola"
    assert data["consent"]["version"] == CONSENT_VERSION
    assert data["consent_history"][0]["action"] == "given"


def test_delete_removes_profile_and_people_and_withdraws_consent(client, employee, places):
    client.force_login(employee.user)
    client.post(reverse("needs:household-edit"), _post(places))

    response = client.post(reverse("needs:household-delete"))

    assert response.status_code == 302
    assert not HouseholdProfile.objects.exists() and not CaredPerson.objects.exists()
    assert ConsentEvent.objects.filter(user=employee.user, action="withdrawn").count() == 1
    assert client.get(reverse("needs:household-export")).status_code == 404


def test_non_employee_cannot_create_a_profile(client, places, django_user_model):
    user = django_user_model.objects.create_user(username="citizen@example.org", password="pw-Cit-2026")
    client.force_login(user)

    assert client.post(reverse("needs:household-edit"), _post(places)).status_code == 403
    with pytest.raises(NotAnEmployee):
        services.household_profile_save(
            user=user, consent=True, home_municipality=places[GRONE], working_hours="", needs=[], people=[]
        )
    assert not HouseholdProfile.objects.exists()
