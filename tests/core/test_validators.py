"""A period's end never comes before its start (shop.core.validators)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from shop.core.validators import check_period, period_problem

JAN_1, JAN_2 = datetime.date(2026, 1, 1), datetime.date(2026, 1, 2)
NINE, TEN = datetime.time(9), datetime.time(10)
NOT_AFTER = "L'ora di fine deve venire dopo l'ora di inizio."


def test_a_period_of_days_may_end_on_its_start_day_but_not_before():
    assert period_problem(JAN_1, JAN_1) is None
    assert period_problem(JAN_1, JAN_2) is None
    with translation.override("it"):
        assert period_problem(JAN_2, JAN_1) == "La data di fine è precedente alla data di inizio."


def test_a_window_of_time_must_end_after_its_start():
    assert period_problem(NINE, TEN, whole_days=False) is None
    with translation.override("it"):
        assert period_problem(NINE, NINE, whole_days=False) == NOT_AFTER
        assert period_problem(TEN, NINE, whole_days=False) == NOT_AFTER


def test_a_missing_bound_is_left_to_the_fields_own_validation():
    assert period_problem(None, JAN_1) is None
    assert period_problem(JAN_2, None) is None
    check_period(JAN_2, None, field="end_date")


def test_check_period_names_the_field_when_given():
    with pytest.raises(ValidationError) as error:
        check_period(JAN_2, JAN_1, field="end_date")
    assert list(error.value.message_dict) == ["end_date"]
    with pytest.raises(ValidationError) as error:
        check_period(JAN_2, JAN_1)
    assert not hasattr(error.value, "error_dict")
