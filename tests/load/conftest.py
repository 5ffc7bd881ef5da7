# The welfare tests' employee and login (tests/welfare/conftest.py); the employer is tests/conftest.py's.
from tests.welfare.conftest import employee, employee_user  # noqa: F401
