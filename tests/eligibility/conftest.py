import pytest
from django.test import Client

from tests.factories.eligibility import EmployeeFactory, UserFactory, make_hr_contact


@pytest.fixture
def hr_user(employer):
    return make_hr_contact(employer=employer)


@pytest.fixture
def hr_client(hr_user):
    """A client of its own, so tests can act as HR and as another user side by side."""
    client = Client()
    client.force_login(hr_user)
    return client


@pytest.fixture
def employee_user(employer):
    user = UserFactory()
    EmployeeFactory(employer=employer, user=user)
    return user


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Pages render {% static %}; tests have no collected manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
