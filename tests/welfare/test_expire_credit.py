import datetime
from decimal import Decimal

from django.core.management import call_command

from shop.welfare.models import LedgerEntry, Wallet
from shop.welfare.services import credit_expire, credit_return_line
from tests.factories.welfare import YEAR_END, funded_plan, order_with_credit, product_in

AFTER = YEAR_END + datetime.timedelta(days=1)


def test_credit_past_the_plan_end_expires_once(employer, employee, capsys):
    plan = funded_plan(employer=employer, amount="120.00")

    call_command("expire_credit", on=AFTER.isoformat())
    call_command("expire_credit", on=AFTER.isoformat())
    call_command("expire_credit", on=(AFTER + datetime.timedelta(days=30)).isoformat())

    wallet = Wallet.objects.get(plan=plan)
    assert wallet.balance == Decimal("0.00")
    assert list(LedgerEntry.objects.filter(kind="expire").values_list("amount", flat=True)) == [
        Decimal("-120.00")
    ]
    out = capsys.readouterr().out
    assert "expired 120.00 EUR" in out
    assert "0 wallet(s) expired" in out


def test_credit_of_a_running_plan_does_not_expire(employer, employee):
    funded_plan(employer=employer, amount="120.00")
    assert credit_expire(on=YEAR_END) == []


def test_reserved_credit_is_kept_and_expires_once_released(employer, employee, employee_user):
    plan = funded_plan(employer=employer, amount="100.00")
    product = product_in(category_path="Servizi > Assistenza", price="30.00")
    order = order_with_credit(user=employee_user, lines=[(product, 1)])

    first = credit_expire(on=AFTER)
    credit_return_line(line=order.lines.get())  # the order is cancelled after the plan ended
    second = credit_expire(on=AFTER)

    assert [e.amount for e in first] == [Decimal("-70.00")]
    assert [e.amount for e in second] == [Decimal("-30.00")]
    assert Wallet.objects.get(plan=plan).balance == Decimal("0.00")
