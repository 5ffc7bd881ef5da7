"""HR contacts see their own employer only; nobody else reaches the HR pages."""

import pytest
from django.urls import reverse

from shop.eligibility.models import JoinRequest
from tests.factories.eligibility import EmployeeFactory, UserFactory, make_hr_contact

pytestmark = pytest.mark.django_db

SECRET_NAME = "Segretissima"


@pytest.fixture
def other_roster(other_employer):
    employee = EmployeeFactory(employer=other_employer, last_name=SECRET_NAME)
    join_request = JoinRequest.objects.create(
        user=UserFactory(),
        employer=other_employer,
        first_name="Anna",
        last_name=SECRET_NAME,
        codice_fiscale=employee.codice_fiscale,
        work_email="anna@example.it",
        home_municipality=employee.home_municipality,
    )
    return employee, join_request


def other_employer_urls(other_employer, employee, join_request):
    pk = other_employer.pk
    return [
        ("get", reverse("eligibility:hr-dashboard", args=[pk])),
        ("get", reverse("eligibility:hr-roster", args=[pk])),
        ("get", reverse("eligibility:hr-employee-add", args=[pk])),
        ("get", reverse("eligibility:hr-employee-edit", args=[pk, employee.pk])),
        ("get", reverse("eligibility:hr-employee-end", args=[pk, employee.pk])),
        ("post", reverse("eligibility:hr-employee-invite", args=[pk, employee.pk])),
        ("get", reverse("eligibility:hr-roster-import", args=[pk])),
        ("get", reverse("eligibility:hr-roster-template", args=[pk])),
        ("get", reverse("eligibility:hr-invitations", args=[pk])),
        ("get", reverse("eligibility:hr-join-requests", args=[pk])),
        ("get", reverse("eligibility:hr-join-request-decide", args=[pk, join_request.pk])),
        ("post", reverse("eligibility:hr-join-request-decide", args=[pk, join_request.pk])),
    ]


def test_hr_contact_gets_404_on_every_page_of_another_employer(hr_client, other_employer, other_roster):
    employee, join_request = other_roster
    for method, url in other_employer_urls(other_employer, employee, join_request):
        response = getattr(hr_client, method)(url)
        assert response.status_code == 404, url
        assert SECRET_NAME not in response.content.decode()
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    assert not employee.invitations.exists()


def test_hr_contact_cannot_reach_another_employers_employee_through_own_employer_url(
    hr_client, employer, other_roster
):
    employee, join_request = other_roster
    for url in (
        reverse("eligibility:hr-employee-edit", args=[employer.pk, employee.pk]),
        reverse("eligibility:hr-employee-end", args=[employer.pk, employee.pk]),
        reverse("eligibility:hr-join-request-decide", args=[employer.pk, join_request.pk]),
    ):
        response = hr_client.get(url)
        assert response.status_code == 404, url
        assert SECRET_NAME not in response.content.decode()


def test_hr_contact_import_into_another_employer_writes_nothing(hr_client, other_employer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from shop.eligibility.roster_import import roster_csv_template

    upload = SimpleUploadedFile("r.csv", roster_csv_template().encode(), content_type="text/csv")
    response = hr_client.post(
        reverse("eligibility:hr-roster-import", args=[other_employer.pk]), {"file": upload}
    )
    assert response.status_code == 404
    assert not other_employer.employees.exists()


def test_there_is_no_url_for_a_single_employees_orders(hr_client, employer, employee_user):
    employee = employer.employees.get(user=employee_user)
    for url in (
        f"/hr/{employer.pk}/roster/{employee.pk}/orders/",
        f"/hr/{employer.pk}/roster/{employee.pk}/",
        f"/hr/{employer.pk}/employees/{employee.pk}/orders/",
    ):
        assert hr_client.get(url).status_code == 404, url


def test_hr_contact_cannot_see_orders_in_oscar_dashboard(hr_client):
    response = hr_client.get(reverse("dashboard:order-list"))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response["Location"]


def test_anonymous_visitor_is_sent_to_login_from_hr_pages(client, employer):
    for url in (reverse("eligibility:hr-index"), reverse("eligibility:hr-roster", args=[employer.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_employee_gets_403_on_hr_pages_and_sees_no_roster(client, employer, employee_user):
    EmployeeFactory(employer=employer, last_name=SECRET_NAME)
    client.force_login(employee_user)
    for url in (
        reverse("eligibility:hr-index"),
        reverse("eligibility:hr-dashboard", args=[employer.pk]),
        reverse("eligibility:hr-roster", args=[employer.pk]),
        reverse("eligibility:hr-roster-import", args=[employer.pk]),
        reverse("eligibility:hr-invitations", args=[employer.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert SECRET_NAME not in response.content.decode()


def test_hr_row_without_role_group_gets_403(client, employer):
    from shop.eligibility.models import HRContact

    user = UserFactory()
    HRContact.objects.create(employer=employer, user=user)
    client.force_login(user)
    assert client.get(reverse("eligibility:hr-roster", args=[employer.pk])).status_code == 403


def test_hr_contact_of_two_employers_sees_both_but_not_a_third(client, employer, other_employer):
    from shop.eligibility.services import hr_contact_add
    from tests.factories.eligibility import EmployerFactory

    user = make_hr_contact(employer=employer)
    hr_contact_add(employer=other_employer, user=user)
    third = EmployerFactory()
    client.force_login(user)
    assert client.get(reverse("eligibility:hr-roster", args=[other_employer.pk])).status_code == 200
    assert client.get(reverse("eligibility:hr-roster", args=[third.pk])).status_code == 404
