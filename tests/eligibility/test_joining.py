import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from shop.core.roles import Role, user_has_role
from shop.eligibility.models import Employee, Invitation, JoinRequest
from shop.eligibility.selectors import may_use_welfare_credit
from tests.factories.eligibility import EmployeeFactory, TerritoryMunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def send_invitation(hr_client, employer, employee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = hr_client.post(reverse("eligibility:hr-employee-invite", args=[employer.pk, employee.pk]))
    assert response.status_code == 302
    return Invitation.objects.get(employee=employee)


def test_invitation_email_carries_a_link_that_creates_the_account(
    hr_client, client, employer, django_capture_on_commit_callbacks
):
    employee = EmployeeFactory(employer=employer, work_email="luca@coop.it")
    invitation = send_invitation(hr_client, employer, employee, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["luca@coop.it"]
    link = reverse("eligibility:invitation-accept", args=[invitation.token])
    assert link in mail.outbox[0].body

    hr_client.logout()
    assert client.get(link).status_code == 200
    response = client.post(
        link, {"email": "luca@coop.it", "password1": "Cavallina-2026!", "password2": "Cavallina-2026!"}
    )
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.user is not None and employee.user.email == "luca@coop.it"
    assert user_has_role(employee.user, Role.EMPLOYEE)
    assert may_use_welfare_credit(user=employee.user)
    # The link works once.
    client.logout()
    assert client.get(link).status_code == 410


def test_signed_in_user_links_existing_account(
    hr_client, client, employer, django_capture_on_commit_callbacks
):
    employee = EmployeeFactory(employer=employer)
    invitation = send_invitation(hr_client, employer, employee, django_capture_on_commit_callbacks)
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("eligibility:invitation-accept", args=[invitation.token]))
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.user == user


def test_expired_or_unknown_invitation_links_nobody(client, employer):
    employee = EmployeeFactory(employer=employer)
    invitation = Invitation.objects.create(
        employee=employee,
        email=employee.work_email,
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    client.force_login(UserFactory())
    assert client.post(reverse("eligibility:invitation-accept", args=[invitation.token])).status_code == 410
    assert client.get(reverse("eligibility:invitation-accept", args=["nonexistent"])).status_code == 404
    employee.refresh_from_db()
    assert employee.user is None


def test_joined_employee_cannot_be_invited_again(hr_client, employer, employee_user):
    employee = Employee.objects.get(user=employee_user)
    hr_client.post(reverse("eligibility:hr-employee-invite", args=[employer.pk, employee.pk]))
    assert not Invitation.objects.exists()


def join_request_data(employer, **overrides):
    TerritoryMunicipalityFactory(
        name="Costa Volpino", province="BG", istat_code="016085", cadastral_code="D117"
    )
    data = {
        "employer": employer.pk,
        "first_name": "Giulia",
        "last_name": "Bonetti",
        "codice_fiscale": "BNTGLI88C52E704N",
        "work_email": "giulia@coop.it",
        "home_municipality": "Costa Volpino",
    }
    return {**data, **overrides}


def test_join_request_confirmed_by_hr_adds_and_links_employee(
    client, hr_client, hr_user, employer, django_capture_on_commit_callbacks
):
    user = UserFactory(email="giulia@example.it")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("eligibility:join-request"), join_request_data(employer))
    assert response.status_code == 302
    join_request = JoinRequest.objects.get(user=user)
    assert join_request.status == JoinRequest.Status.PENDING
    assert mail.outbox[-1].to == [hr_user.email]
    assert not may_use_welfare_credit(user=user)

    url = reverse("eligibility:hr-join-request-decide", args=[employer.pk, join_request.pk])
    assert "Bonetti" in hr_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = hr_client.post(url, {"action": "confirm", "start_date": "2024-02-01"})
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.CONFIRMED
    employee = Employee.objects.get(employer=employer, codice_fiscale="BNTGLI88C52E704N")
    assert employee.user == user and employee.start_date == datetime.date(2024, 2, 1)
    assert may_use_welfare_credit(user=user)
    assert mail.outbox[-1].to == ["giulia@example.it"]


def test_join_request_links_existing_roster_row(client, hr_client, employer):
    row = EmployeeFactory(
        employer=employer, codice_fiscale="BNTGLI88C52E704N", start_date=datetime.date(2023, 5, 1)
    )
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("eligibility:join-request"), join_request_data(employer))
    join_request = JoinRequest.objects.get(user=user)
    hr_client.post(
        reverse("eligibility:hr-join-request-decide", args=[employer.pk, join_request.pk]),
        {"action": "confirm", "start_date": "2023-05-01"},
    )
    row.refresh_from_db()
    assert row.user == user
    assert Employee.objects.filter(employer=employer).count() == 1


def test_refused_join_request_links_nobody(client, hr_client, employer):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("eligibility:join-request"), join_request_data(employer))
    join_request = JoinRequest.objects.get(user=user)
    hr_client.post(
        reverse("eligibility:hr-join-request-decide", args=[employer.pk, join_request.pk]),
        {"action": "refuse"},
    )
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.REFUSED
    assert not Employee.objects.filter(user=user).exists()


def test_roster_row_linked_to_someone_else_is_not_taken_over(client, hr_client, employer, employee_user):
    row = Employee.objects.get(user=employee_user)
    user = UserFactory()
    client.force_login(user)
    client.post(
        reverse("eligibility:join-request"), join_request_data(employer, codice_fiscale=row.codice_fiscale)
    )
    join_request = JoinRequest.objects.get(user=user)
    hr_client.post(
        reverse("eligibility:hr-join-request-decide", args=[employer.pk, join_request.pk]),
        {"action": "confirm", "start_date": "2024-01-01"},
    )
    row.refresh_from_db()
    join_request.refresh_from_db()
    assert row.user == employee_user
    assert join_request.status == JoinRequest.Status.PENDING


def test_second_pending_request_to_same_employer_is_refused(client, employer):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("eligibility:join-request"), join_request_data(employer))
    response = client.post(reverse("eligibility:join-request"), join_request_data(employer))
    assert response.status_code == 200
    assert JoinRequest.objects.filter(user=user).count() == 1


def test_my_employer_page_shows_status_and_requests(client, employer, employee_user):
    client.force_login(employee_user)
    html = client.get(reverse("eligibility:my-employer")).content.decode()
    assert employer.legal_name in html
    assert "alert-success" in html


def test_my_employer_page_saves_home_municipality(client):
    TerritoryMunicipalityFactory(name="Lovere", province="BG", istat_code="016128", cadastral_code="E704")
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("eligibility:my-employer"), {"home_municipality": "lovere"})
    assert response.status_code == 302
    assert user.resident_profile.home_municipality.name == "Lovere"
