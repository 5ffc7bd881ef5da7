import pytest

from tests.factories.eligibility import EmployeeFactory, UserFactory, make_hr_contact


@pytest.fixture
def employee_user(employer):
    user = UserFactory()
    EmployeeFactory(employer=employer, user=user)
    return user


@pytest.fixture
def employee(employee_user):
    return employee_user.employments.get()


@pytest.fixture
def hr_user(employer):
    return make_hr_contact(employer=employer)


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Pages render without a collected static manifest in tests."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
