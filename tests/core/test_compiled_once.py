"""Queries compiled to SQL once (shop/core/compiled.py): the basket's lines are compiled on
the first read only, yet every basket still reads its own lines, and any further step on a
bound queryset (a filter, a count, a slice) is compiled as usual and answers for itself."""

from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler
from oscar.core.loading import get_class, get_model

from forked_apps.basket.models import _LINES_SQL
from shop.core.compiled import CompiledOnce
from tests.factories import product_with_price
from tests.factories.eligibility import UserFactory

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


def basket_with(*prices) -> Basket:
    basket = Basket.objects.create(owner=UserFactory())
    basket.strategy = Selector().strategy(user=basket.owner)
    for price in prices:
        basket.add_product(product_with_price(price=price))
    basket = Basket.objects.get(pk=basket.pk)  # read afresh, no lines loaded yet
    basket.strategy = Selector().strategy(user=basket.owner)
    return basket


def compilations(read):
    """How many times Django compiled a SELECT while ``read()`` ran, and its answer."""
    setup = SQLCompiler.pre_sql_setup
    with mock.patch.object(SQLCompiler, "pre_sql_setup", autospec=True, side_effect=setup) as spy:
        answer = read()
    return spy.call_count, answer


@pytest.fixture(autouse=True)
def forget_compiled_lines():
    # The lines' SQL has a constant parameter 1 (the EXISTS): a basket with id 1 cannot
    # teach where its id goes, so the baskets of these tests get later ids.
    Basket.objects.create(owner=UserFactory())
    _LINES_SQL.forget()
    yield
    _LINES_SQL.forget()


def test_the_lines_of_a_second_basket_are_read_without_compiling_and_are_its_own():
    first, second = basket_with("4.00"), basket_with("7.00", "9.00")
    _LINES_SQL.forget()  # adding the products read lines too

    compiled_first, lines_first = compilations(lambda: list(first.all_lines()))
    compiled_second, lines_second = compilations(lambda: list(second.all_lines()))

    assert compiled_first >= 1
    assert compiled_second == 0
    assert [line.basket_id for line in lines_first] == [first.pk]
    assert [line.basket_id for line in lines_second] == [second.pk, second.pk]
    assert sorted(str(line.price_incl_tax) for line in lines_second) == ["7.00", "9.00"]
    # the joined rows are filled as a compiled read fills them
    assert lines_second[0].product.product_class is not None
    assert lines_second[0].stockrecord.partner is not None


def test_a_further_step_on_the_lines_is_compiled_for_itself():
    first, second = basket_with("4.00"), basket_with("7.00", "9.00")
    list(first.all_lines())  # the lines' SQL is now kept

    lines = second.all_lines()
    assert lines.count() == 2
    assert lines.exists()
    assert [line.basket_id for line in lines[:1]] == [second.pk]
    cheap = lines.filter(price_incl_tax__lt=8)
    assert [str(line.price_incl_tax) for line in cheap] == ["7.00"]
    assert len(lines) == 2  # the bound queryset itself is still read from the kept SQL


def test_an_empty_basket_reads_no_lines():
    list(basket_with("4.00").all_lines())
    empty = Basket.objects.create(owner=UserFactory())

    assert list(Basket.objects.get(pk=empty.pk).all_lines()) == []
    assert list(basket_with().all_lines()) == []


def test_sql_where_the_value_is_not_one_parameter_is_not_kept():
    lines_sql = CompiledOnce("test")
    basket = basket_with("4.00")
    line = basket.all_lines()[0]

    def both(value):  # the value twice: which parameter is the value cannot be known
        return lines_sql.bind(Line.objects.filter(pk=value, basket_id=value), value=value)

    assert list(both(line.pk)) == ([line] if line.pk == basket.pk else [])
    compiled, _ = compilations(lambda: list(both(line.pk)))

    assert compiled == 1
    assert lines_sql._kept == {}
