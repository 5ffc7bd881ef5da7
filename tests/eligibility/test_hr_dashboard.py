import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.test.factories import create_order

from shop.eligibility.selectors import hr_dashboard_figures
from tests.factories.eligibility import EmployeeFactory, UserFactory

pytestmark = pytest.mark.django_db


def figures_in_page(response):
    html = response.content.decode()
    out = {}
    for key in ("on_roster", "joined", "active_this_month"):
        marker = f'data-figure="{key}">'
        start = html.index(marker) + len(marker)
        out[key] = html[start : html.index("<", start)].strip()
    return out


def test_aggregate_of_four_people_is_shown_as_less_than_five(hr_client, employer):
    for _i in range(4):
        EmployeeFactory(employer=employer, user=UserFactory())
    response = hr_client.get(reverse("eligibility:hr-dashboard", args=[employer.pk]))
    assert response.status_code == 200
    assert figures_in_page(response) == {
        "on_roster": "&lt; 5",
        "joined": "&lt; 5",
        "active_this_month": "&lt; 5",
    }
    assert ">4<" not in response.content.decode()


def test_aggregate_of_five_people_is_shown(hr_client, employer):
    for _i in range(5):
        EmployeeFactory(employer=employer, user=UserFactory())
    EmployeeFactory(employer=employer)  # on the roster, not joined
    response = hr_client.get(reverse("eligibility:hr-dashboard", args=[employer.pk]))
    assert figures_in_page(response)["on_roster"] == "6"
    assert figures_in_page(response)["joined"] == "5"


def test_ended_employments_are_not_counted_on_the_roster(hr_user, employer):
    today = timezone.localdate()
    for _i in range(5):
        EmployeeFactory(employer=employer)
    EmployeeFactory(employer=employer, end_date=today - datetime.timedelta(days=1))
    assert hr_dashboard_figures(user=hr_user, employer=employer, on=today)["on_roster"] == 5


def test_active_this_month_counts_people_who_ordered_not_orders(hr_user, employer):
    users = [UserFactory() for _i in range(5)]
    for user in users:
        EmployeeFactory(employer=employer, user=user)
        create_order(user=user)
    create_order(user=users[0])  # a second order by the same person
    figures = hr_dashboard_figures(user=hr_user, employer=employer)
    assert figures["active_this_month"] == 5


def test_active_this_month_of_four_people_is_suppressed(hr_user, employer):
    for _i in range(6):
        EmployeeFactory(employer=employer, user=UserFactory())
    for employee in employer.employees.all()[:4]:
        create_order(user=employee.user)
    assert hr_dashboard_figures(user=hr_user, employer=employer)["active_this_month"] == "< 5"


def test_dashboard_figures_of_another_employer_are_empty(hr_user, other_employer):
    for _i in range(6):
        EmployeeFactory(employer=other_employer, user=UserFactory())
    assert hr_dashboard_figures(user=hr_user, employer=other_employer) == {}
