# The welfare tests' employer, employee and login (tests/welfare/conftest.py).
from tests.welfare.conftest import employee, employee_user, employer  # noqa: F401
