import pytest

from tests.eligibility.factories import EmployeeFactory, EmployerFactory, UserFactory, make_hr_contact


@pytest.fixture
def employer(db):
    return EmployerFactory(legal_name="Cooperativa Il Sorriso")


@pytest.fixture
def other_employer(db):
    return EmployerFactory(legal_name="Cooperativa Altrove")


@pytest.fixture
def hr_user(employer):
    return make_hr_contact(employer=employer)


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


@pytest.fixture
def employee_user(employer):
    user = UserFactory()
    EmployeeFactory(employer=employer, user=user)
    return user
