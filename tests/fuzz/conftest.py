"""Hypothesis settings for the bad-input suite.

``derandomize`` makes every run try the same examples (CI reproducibility) and
``database=None`` keeps no ``.hypothesis`` directory. ``HYPOTHESIS_PROFILE=fuzz-long`` tries
ten times as many examples, for a run by hand.
"""

import os

import pytest
from django.test import Client
from hypothesis import HealthCheck, settings

# The welfare tests' people: an HR contact and one employee with an account (employer: tests/conftest.py).
from tests.welfare.conftest import employee, employee_user, hr_user  # noqa: F401

_COMMON = dict(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("fuzz", max_examples=25, **_COMMON)
settings.register_profile("fuzz-long", max_examples=250, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fuzz"))


@pytest.fixture
def hr_client(hr_user):  # noqa: F811 (the fixture imported above)
    return _logged_in(hr_user)


@pytest.fixture
def employee_client(employee_user):  # noqa: F811
    return _logged_in(employee_user)


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    # Oscar creates a user's basket on the first page; done here, before any snapshot.
    client.get("/")
    return client
