"""Demo welfare credit: a yearly plan for every active member, and a few past purchases.

Idempotent: plans are found by (employer, year, name), funding posts once per employee,
and the demo orders are found by their numbers.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from stdnum import luhn
from stdnum.it import codicefiscale

from shop.core.roles import Role
from shop.eligibility.models import Employee, Employer
from shop.welfare.claims import claim_file
from shop.welfare.exceptions import WelfareError
from shop.welfare.gateways import PayOnDelivery
from shop.welfare.models import CreditPlan, ReimbursementClaim
from shop.welfare.selectors import CREDIT_SOURCE_NAME, basket_credit_lines, children_declaration_for
from shop.welfare.services import (
    children_declare,
    credit_allocate,
    credit_reserve_for_order,
    plan_fund,
    source_type_for,
)

YEAR = 2026
PLAN_NAME = "Piano welfare"
AMOUNT = Decimal("500.00")
DEMO_ORDER_NUMBERS = ("W2026-0001", "W2026-0002")
MAX_DEMO_PRICE = Decimal("40.00")

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
Free = get_class("shipping.methods", "Free")


def load(*, stdout, rng) -> None:
    today = timezone.localdate()
    funded = 0
    for employer in Employer.objects.filter(status=Employer.Status.ACTIVE).order_by("pk"):
        plan, _created = CreditPlan.objects.get_or_create(
            employer=employer,
            year=YEAR,
            name=PLAN_NAME,
            defaults={
                "amount_per_employee": AMOUNT,
                "valid_from": datetime.date(YEAR, 1, 1),
                "valid_to": datetime.date(YEAR, 12, 31),
            },
        )
        funded += len(plan_fund(plan=plan, on=min(max(today, plan.valid_from), plan.valid_to)))
    placed = _demo_purchases(rng=rng)
    claimed = _demo_fiscal(today=today)
    stdout.write(
        f"welfare: {YEAR} plans funded ({funded} wallet entries), {placed} demo purchases with credit, "
        f"{claimed} demo reimbursement claim(s)"
    )


def _demo_fiscal(*, today) -> int:
    """The demo employee declares one dependent child and files one nursery claim (f-bis)."""
    employee = (
        Employee.objects.filter(user__groups__name=Role.EMPLOYEE, employer__status=Employer.Status.ACTIVE)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if employee is None or today.year != YEAR:
        return 0
    if children_declaration_for(employee=employee, year=YEAR) is None:
        children_declare(employee=employee, year=YEAR, children_count=1, by=employee.user)
    supplier = "0312345001"  # office code 001: a valid province office
    supplier += luhn.calc_check_digit(supplier)
    number = f"{YEAR}/0042"
    if ReimbursementClaim.objects.filter(supplier_tax_code=supplier, receipt_number=number).exists():
        return 0
    wallet = employee.welfare_wallets.filter(plan__name=PLAN_NAME, plan__year=YEAR).first()
    if wallet is None or wallet.available < Decimal("150.00"):
        return 0
    child = "RSSLCU20A01E333"
    try:
        claim_file(
            user=employee.user,
            wallet=wallet,
            benefit_type="c2_fbis",
            beneficiary_name="Luca (demo)",
            beneficiary_codice_fiscale=child + codicefiscale.calc_check_digit(child),
            relation="child",
            receipt_date=max(datetime.date(YEAR, 1, 1), today - datetime.timedelta(days=3)),
            receipt_number=number,
            supplier_name="Asilo nido Il Girasole (demo)",
            supplier_tax_code=supplier,
            description="Retta asilo nido",
            amount=Decimal("150.00"),
            receipt=ContentFile(b"%PDF-1.4\n%demo receipt\ntrailer<<>>\n%%EOF\n", name="ricevuta-demo.pdf"),
        )
    except WelfareError:
        return 0
    return 1


def _demo_purchases(*, rng) -> int:
    employee = (
        Employee.objects.filter(user__groups__name=Role.EMPLOYEE, employer__status=Employer.Status.ACTIVE)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if employee is None:
        return 0
    user = employee.user
    strategy = Selector().strategy(user=user)
    candidates = []
    for product in Product.objects.filter(structure=Product.STANDALONE).order_by("pk")[:200]:
        info = strategy.fetch_for_product(product)
        # Everyday purchases, so two orders leave most of the plan for the demo to try.
        if info.availability.is_available_to_buy and info.price.incl_tax <= MAX_DEMO_PRICE:
            candidates.append(product)
    placed = 0
    for number in DEMO_ORDER_NUMBERS:
        if Order.objects.filter(number=number).exists() or not candidates:
            continue
        basket = Basket.objects.create(owner=user)
        basket.strategy = strategy
        for product in rng.sample(candidates, k=min(2, len(candidates))):
            basket.add_product(product, 1)
        order = demo_order_place(basket=basket, user=user, number=number)
        if order is None:
            return placed
        order.set_status("Confermato")  # confirmation spends the reserved credit
        placed += 1
    return placed


def demo_order_place(*, basket, user, number: str):
    """Place ``basket`` as order ``number`` the way checkout does: welfare credit first (reserved
    for the order), the rest paid at the door; Oscar's ``order_placed`` signal then moves the
    bookings and boxes. None (and no basket left) when the buyer has no usable credit, e.g. a
    demo loaded after the plan year."""
    try:
        allocations = credit_allocate(user=user, lines=basket_credit_lines(basket))
    except WelfareError:
        basket.delete()
        return None
    shipping = Free()
    charge = shipping.calculate(basket)
    order = OrderCreator().place_order(
        basket=basket,
        total=OrderTotalCalculator().calculate(basket, charge),
        shipping_method=shipping,
        shipping_charge=charge,
        user=user,
        order_number=number,
    )
    basket.submit()
    credit_reserve_for_order(order=order, basket=basket, allocations=allocations, by=user)
    payment_sources_record(order=order, credit=sum((a.amount for a in allocations), Decimal("0.00")))
    return order


def payment_sources_record(*, order, credit: Decimal) -> None:
    """The payment sources checkout records: the welfare credit, and the rest paid at the door."""
    for name, amount in (
        (CREDIT_SOURCE_NAME, credit),
        (PayOnDelivery.source_name, order.total_incl_tax - credit),
    ):
        if amount > 0:
            Source.objects.create(order=order, source_type=source_type_for(name), amount_allocated=amount)
