"""Properties of the money helpers, the money and quantity fields, and the credit allocation."""

from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

import pytest
from django import forms
from django.db import connection
from django.utils import translation
from hypothesis import example, given, settings
from hypothesis import strategies as st

from shop.core.forms import MoneyField, QuantityField
from shop.core.money import round_money, split_vat
from shop.core.vat import RATES
from shop.welfare.allocation import CreditLine, PlanRules, allocate, share
from tests.fuzz.helpers import assert_italian, expected_money, expected_quantity, money_texts, quantity_texts

CENT = Decimal("0.01")
gross_prices = st.decimals(min_value=Decimal("0"), max_value=Decimal("99999999.99"), places=2)
any_amounts = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), allow_nan=False, places=6)


@given(gross=gross_prices, rate=st.sampled_from(sorted(set(RATES.values()))))
@settings(max_examples=500)
def test_vat_split_adds_up_to_the_gross_price(gross, rate):
    net, tax = split_vat(gross=gross, rate=rate)
    assert net + tax == gross
    assert net == (gross / (1 + rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    assert net.as_tuple().exponent == -2 and tax.as_tuple().exponent == -2
    assert Decimal("0") <= tax <= gross and (rate > 0 or tax == 0)


@given(amount=any_amounts)
@settings(max_examples=500)
def test_rounding_is_half_up_to_the_cent(amount):
    rounded = round_money(amount)
    assert rounded.as_tuple().exponent == -2
    assert abs(rounded - amount) <= Decimal("0.005")
    # Half up means away from zero at exactly half a cent (the Italian fiscal convention).
    if abs(amount * 1000) % 10 == 5 and (amount * 1000) == (amount * 1000).to_integral_value():
        assert abs(rounded) > abs(amount)


@pytest.mark.parametrize(("amount", "rounded"), [("0.005", "0.01"), ("-0.005", "-0.01"), ("2.675", "2.68")])
def test_half_a_cent_rounds_away_from_zero(amount, rounded):
    assert round_money(Decimal(amount)) == Decimal(rounded)


@given(text=money_texts(), minimum=st.sampled_from([Decimal("0"), Decimal("0.01")]))
@settings(max_examples=400)
@example(text="1e9", minimum=Decimal("0"))
@example(text="1_000", minimum=Decimal("0"))
@example(text="١٢", minimum=Decimal("0"))
@example(text="12.345.67", minimum=Decimal("0"))
@example(text="-0", minimum=Decimal("0"))
@example(text="12345.000", minimum=Decimal("0"))
@example(text="1.500 ", minimum=Decimal("0"))
def test_money_field_reads_what_an_italian_writes_and_nothing_else(text, minimum):
    field = MoneyField(min_value=minimum)
    expected = expected_money(text)
    with translation.override("it"):
        try:
            value = field.clean(text)
        except forms.ValidationError as exc:
            assert_italian(exc.messages)
            assert expected is None or expected < minimum, f"{text!r} means {expected}"
        else:
            assert expected is not None and expected >= minimum, f"{text!r} read as {value}"
            assert value == expected and not value.is_signed() if value == 0 else value == expected  # no "-0"


@given(text=quantity_texts())
@settings(max_examples=300)
@example(text="1.000")
@example(text="3.0")
@example(text="١٢")
def test_quantity_field_reads_digits_only(text):
    field = QuantityField(min_value=0)
    expected = expected_quantity(text)
    with translation.override("it"):
        try:
            value = field.clean(text)
        except forms.ValidationError as exc:
            assert_italian(exc.messages)
            assert expected is None or expected < 0
        else:
            assert value == expected


# --- Allocation ---------------------------------------------------------------------------------


class _Categories:
    def __init__(self, paths):
        self.paths = paths

    def values_list(self, *args, **kwargs):
        return self.paths


def _product(path: str, benefit_type: str):
    return SimpleNamespace(
        pk=None, is_child=False, benefit_type=benefit_type, categories=_Categories([path])
    )


money = st.decimals(min_value=Decimal("0"), max_value=Decimal("5000"), places=2)
lines_st = st.lists(
    st.tuples(money, st.sampled_from(["0001", "0002"]), st.sampled_from(["c3", "c2"])), min_size=1, max_size=6
)
wallets_st = st.lists(
    st.tuples(money, st.sampled_from([(), ("0001",)]), st.sampled_from([(), ("c3",)])), min_size=1, max_size=4
)


@given(
    lines=lines_st,
    wallets=wallets_st,
    cap=st.none() | money,
    fringe_room=st.none() | money,
)
@settings(max_examples=400)
def test_allocation_never_takes_more_than_balances_lines_cap_or_limits(lines, wallets, cap, fringe_room):
    credit_lines = [
        CreditLine(key=str(n), product=_product(path, btype), amount=amount)
        for n, (amount, path, btype) in enumerate(lines)
    ]
    wallet_objs = [
        SimpleNamespace(pk=n, plan_id=n, available=amount) for n, (amount, _c, _t) in enumerate(wallets)
    ]
    rules = {
        n: PlanRules(plan_id=n, category_paths=paths, benefit_types=types)
        for n, (_a, paths, types) in enumerate(wallets)
    }
    limits = None if fringe_room is None else {"c3": fringe_room}
    result = allocate(lines=credit_lines, wallets=wallet_objs, rules=rules, cap=cap, type_limits=limits)

    assert all(a.amount > 0 and a.amount.as_tuple().exponent >= -2 for a in result)
    total = sum((a.amount for a in result), Decimal("0"))
    for wallet in wallet_objs:
        assert sum((a.amount for a in result if a.wallet is wallet), Decimal("0")) <= wallet.available
    for line in credit_lines:
        assert sum((a.amount for a in result if a.line_key == line.key), Decimal("0")) <= line.amount
    for a in result:
        line = credit_lines[int(a.line_key)]
        rule = rules[a.wallet.plan_id]
        assert rule.allows(
            category_paths=[line.product.categories.paths[0]], benefit_type=line.product.benefit_type
        )
    if cap is not None:
        assert total <= cap
    if limits is not None:
        assert sum((a.amount for a in result if a.benefit_type == "c3"), Decimal("0")) <= fringe_room
    if cap is None and limits is None:
        # Greedy but complete: a line left unpaid has no wallet of a plan that allows it with credit left.
        for line in credit_lines:
            taken = sum((a.amount for a in result if a.line_key == line.key), Decimal("0"))
            if taken < line.amount:
                for wallet in wallet_objs:
                    used = sum((a.amount for a in result if a.wallet is wallet), Decimal("0"))
                    assert not (
                        rules[wallet.plan_id].allows(
                            category_paths=[line.product.categories.paths[0]],
                            benefit_type=line.product.benefit_type,
                        )
                        and used < wallet.available
                    )


@given(
    amount=st.decimals(min_value=Decimal("0"), max_value=Decimal("99999"), places=2),
    steps=st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=8),
)
@settings(max_examples=300)
def test_returning_units_in_steps_gives_back_exactly_the_line(amount, steps):
    of_units = sum(steps)
    done, returned = 0, Decimal("0")
    for q in steps:
        returned += share(amount=amount, units=done + q, of_units=of_units) - share(
            amount=amount, units=done, of_units=of_units
        )
        done += q
    assert returned == amount


@pytest.mark.django_db
@given(text=quantity_texts())
@example(text="1.000")
@example(text="32768")
def test_service_terms_radius_and_slots_are_digits_in_range(text):
    from shop.charter.forms import ServiceTermsForm

    expected = expected_quantity(text)
    largest = connection.ops.integer_field_range("PositiveSmallIntegerField")[1]  # 32767 on PostgreSQL
    with translation.override("it"):
        form = ServiceTermsForm(data={"radius_km": text, "slots_per_week": text})
        valid = form.is_valid() if expected is not None and 0 <= expected <= largest else None
        if valid is None:
            assert not form.is_valid() or not text.strip()
            if form.errors:
                assert_italian([m for errors in form.errors.values() for m in errors])
        else:
            assert form.cleaned_data["radius_km"] == expected
