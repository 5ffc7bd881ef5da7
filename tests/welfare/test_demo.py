import io
import random
from decimal import Decimal

from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model

from shop.core.roles import Role, grant_role
from shop.demo import welfare as demo
from shop.welfare.models import CreditPlan, LedgerEntry, ReimbursementClaim, Wallet
from tests.factories.welfare import product_in

Order = get_model("order", "Order")


def test_demo_funds_a_plan_per_active_employer_and_spends_twice_idempotently(
    employer, employee, employee_user, monkeypatch
):
    monkeypatch.setattr(demo, "YEAR", timezone.localdate().year)  # the demo's plan year is running
    grant_role(employee_user, Role.EMPLOYEE)
    product_in(category_path="Servizi > Assistenza", price="25.00")
    product_in(category_path="Alimentari > Miele", price="8.50")

    for _ in range(2):
        demo.load(stdout=io.StringIO(), rng=random.Random("demo"))

    plan = CreditPlan.objects.get(employer=employer, year=demo.YEAR)
    wallet = Wallet.objects.get(plan=plan, employee=employee)
    assert Order.objects.filter(number__in=demo.DEMO_ORDER_NUMBERS).count() == 2
    assert LedgerEntry.objects.filter(kind="fund").count() == 1
    assert LedgerEntry.objects.filter(kind="spend").count() == 4
    assert wallet.balance == Decimal("500.00") - 2 * Decimal("33.50")
    call_command("verify_wallets", stdout=io.StringIO())
    # One dependent child declared and one nursery claim holding 150 €, once.
    claim = ReimbursementClaim.objects.get()
    assert claim.benefit_type == "c2_fbis" and claim.status == "submitted"
    wallet.refresh_from_db()
    assert wallet.reserved == Decimal("150.00")
    assert employee.children_declarations.count() == 1
