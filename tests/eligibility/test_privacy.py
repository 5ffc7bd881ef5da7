import pytest

from shop.core.privacy import MIN_GROUP_SIZE, suppress


@pytest.mark.parametrize("count", [0, 1, 4])
def test_counts_below_five_are_shown_as_less_than_five(count):
    assert suppress(count) == "< 5"


@pytest.mark.parametrize("count", [5, 6, 500])
def test_counts_of_five_or_more_are_shown(count):
    assert suppress(count) == count


def test_threshold_is_five():
    assert MIN_GROUP_SIZE == 5
