from django.urls import reverse
from django.utils.formats import number_format

from tests.needs.test_forbidden_paths import SECRET_YEAR, _profile


def test_the_household_page_writes_birth_years_without_a_thousands_separator(client, employee, places):
    _profile(employee, places)
    client.force_login(employee.user)
    html = client.get(reverse("needs:household")).content.decode()
    assert f"nato/a nel {SECRET_YEAR}" in html
    assert number_format(SECRET_YEAR, force_grouping=True) not in html  # "1.943"
