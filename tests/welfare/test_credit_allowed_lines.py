from decimal import Decimal

import pytest

from shop.welfare.exceptions import CreditNotAllowed, InsufficientCredit, NotEligible
from shop.welfare.models import LedgerEntry
from shop.welfare.selectors import basket_credit_lines, credit_quote
from shop.welfare.services import credit_allocate
from tests.factories.eligibility import UserFactory
from tests.factories.welfare import basket_with, funded_plan, order_with_credit, product_in


@pytest.fixture
def care_only_plan(employer, employee):
    return funded_plan(employer=employer, amount="100.00", categories=["Servizi > Assistenza"])


def test_a_disallowed_category_cannot_be_paid_with_credit(care_only_plan, employee_user):
    food = product_in(category_path="Alimentari > Verdura", price="20.00")
    basket = basket_with(user=employee_user, lines=[(food, 1)])

    with pytest.raises(CreditNotAllowed):
        credit_allocate(user=employee_user, lines=basket_credit_lines(basket), amount=Decimal("1.00"))
    assert credit_quote(user=employee_user, lines=basket_credit_lines(basket)).maximum == Decimal("0.00")
    assert not LedgerEntry.objects.filter(kind="reserve").exists()


def test_a_subcategory_of_an_allowed_category_is_allowed(care_only_plan, employee_user):
    nursing = product_in(category_path="Servizi > Assistenza > Infermieristica", price="30.00")
    food = product_in(category_path="Alimentari > Verdura", price="20.00")
    basket = basket_with(user=employee_user, lines=[(nursing, 1), (food, 1)])

    allocations = credit_allocate(user=employee_user, lines=basket_credit_lines(basket))

    assert [(a.line_key, a.amount) for a in allocations] == [
        (str(basket.all_lines()[0].pk), Decimal("30.00"))
    ]
    with pytest.raises(CreditNotAllowed):
        credit_allocate(user=employee_user, lines=basket_credit_lines(basket), amount=Decimal("30.01"))


def test_a_plan_limited_to_a_benefit_type_refuses_other_types(employer, employee, employee_user):
    funded_plan(employer=employer, amount="100.00", benefit_types=["c2_fbis"])
    camp = product_in(category_path="Servizi > Centri estivi", price="50.00", benefit_type="c2_fbis")
    goods = product_in(category_path="Alimentari > Miele", price="10.00", benefit_type="c3")
    basket = basket_with(user=employee_user, lines=[(camp, 1), (goods, 1)])

    quote = credit_quote(user=employee_user, lines=basket_credit_lines(basket))

    assert (quote.allowed, quote.maximum) == (Decimal("50.00"), Decimal("50.00"))


def test_credit_beyond_the_available_balance_is_refused(employer, employee, employee_user):
    funded_plan(employer=employer, amount="25.00")
    product = product_in(category_path="Servizi > Assistenza", price="40.00")
    basket = basket_with(user=employee_user, lines=[(product, 1)])

    with pytest.raises(InsufficientCredit):
        credit_allocate(user=employee_user, lines=basket_credit_lines(basket), amount=Decimal("25.01"))


def test_a_user_without_active_employment_cannot_use_credit(employer, employee, employee_user):
    funded_plan(employer=employer, amount="100.00")
    product = product_in(category_path="Servizi > Assistenza", price="40.00")
    basket = basket_with(user=employee_user, lines=[(product, 1)])
    employer.status = employer.Status.SUSPENDED
    employer.save()

    with pytest.raises(NotEligible):
        credit_allocate(user=employee_user, lines=basket_credit_lines(basket), amount=Decimal("10.00"))
    stranger = UserFactory()
    assert credit_quote(user=stranger, lines=basket_credit_lines(basket)).eligible is False


def test_an_employee_with_no_credit_left_is_told_so(employer, employee, employee_user):
    funded_plan(employer=employer, amount="40.00")
    product = product_in(category_path="Servizi > Assistenza", price="40.00")
    order_with_credit(user=employee_user, lines=[(product, 1)])
    basket = basket_with(user=employee_user, lines=[(product, 1)])

    with pytest.raises(InsufficientCredit, match="no welfare credit|nessun credito|non hai credito"):
        credit_allocate(user=employee_user, lines=basket_credit_lines(basket), amount=Decimal("1.00"))
