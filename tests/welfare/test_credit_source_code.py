"""Welfare credit is recognised among an order's payment sources by its type's code, so a
manager who renames the type people see (Oscar's dashboard or admin) changes no rule."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from shop.demo.welfare import payment_sources_record
from shop.logistics.selectors import _to_collect
from shop.welfare.orders import order_paid_with_credit, order_payment_rows
from shop.welfare.selectors import CREDIT_SOURCE_CODE, CREDIT_SOURCE_NAME
from shop.welfare.services import source_type_for
from tests.factories.welfare import funded_plan, order_with_credit, product_in

SourceType = get_model("payment", "SourceType")

pytestmark = pytest.mark.django_db


def test_a_renamed_credit_source_is_still_welfare_credit(employer, employee, employee_user):
    funded_plan(employer=employer, amount="100.00")
    product = product_in(category_path="Alimentari > Verdura", price="30.00")
    order = order_with_credit(user=employee_user, lines=[(product, 1)], credit=Decimal("10.00"))
    payment_sources_record(order=order, credit=Decimal("10.00"))

    SourceType.objects.filter(code=CREDIT_SOURCE_CODE).update(name="Welfare aziendale")

    order.refresh_from_db()
    assert order_paid_with_credit(order=order)
    rows = {row.name: row.is_credit for row in order_payment_rows(order=order)}
    assert rows == {"Welfare aziendale": True, "Pagamento alla consegna": False}
    assert _to_collect(order) == Decimal("20.00")  # the driver never collects the credit part
    # The next checkout uses the same (renamed) type rather than a new "Credito welfare".
    assert source_type_for(CREDIT_SOURCE_NAME).name == "Welfare aziendale"
    assert SourceType.objects.filter(code__startswith="credito-welfare").count() == 1
