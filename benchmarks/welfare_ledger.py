"""Welfare ledger benchmark: time to read a balance and to place an order with credit,
for a wallet holding 10, 1,000 and 100,000 ledger entries, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/atc56w_bench \
        .venv/bin/python benchmarks/welfare_ledger.py [--sizes 10,1000,100000] [--repeat 25]

It creates a throwaway database (Django's test database for DATABASE_URL, migrated), builds
each wallet's history with bulk_create, measures, and drops the database. Reported times are
medians in milliseconds:

* balance: ``available_credit`` (the stored figures, what pages and checkout read);
* sum: the same figure recomputed from every entry (what ``verify_wallets`` does), shown
  only to make visible the scan that the checkout path avoids;
* placement: lock wallets, allocate, create the Oscar order, reserve per line, commit —
  the work ``PaymentDetailsView`` does for an order paid with credit.
"""

import argparse
import logging
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Sum  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from oscar.apps.partner import strategy  # noqa: E402
from oscar.core.loading import get_class, get_model  # noqa: E402

from shop.core.pricing import ItalianVatIncluded  # noqa: E402
from shop.eligibility.models import Employee, Employer  # noqa: E402
from shop.territory.models import Municipality  # noqa: E402
from shop.welfare.models import CreditPlan, LedgerEntry, Wallet  # noqa: E402
from shop.welfare.selectors import available_credit, basket_credit_lines  # noqa: E402
from shop.welfare.services import credit_allocate, credit_reserve_for_order  # noqa: E402

Basket = get_model("basket", "Basket")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Free = get_class("shipping.methods", "Free")


class BenchStrategy(
    strategy.UseFirstStockRecord, strategy.StockRequired, ItalianVatIncluded, strategy.Structured
):
    """The shop's pricing without the charter gate, so no supplier admission is needed here."""


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def make_product(n: int):
    product_class, _ = ProductClass.objects.get_or_create(
        name="Servizi bench", defaults={"track_stock": False}
    )
    product = Product.objects.create(
        title=f"Servizio {n}", product_class=product_class, structure="standalone"
    )
    partner, _ = Partner.objects.get_or_create(name="Fornitore bench")
    StockRecord.objects.create(
        product=product, partner=partner, partner_sku=f"bench-{n}", price=Decimal("10.00"), num_in_stock=10**6
    )
    return product


def make_wallet(size: int, seat):
    """An employee whose wallet has exactly ``size`` entries: funds, reservations, spends."""
    employer = Employer.objects.create(
        legal_name=f"Cooperativa bench {size}",
        vat_number=f"{size:011d}"[-11:],
        status="active",
        area="Basso Sebino",
        seat=seat,
    )
    user = get_user_model().objects.create(username=f"bench{size}", email=f"bench{size}@example.it")
    employee = Employee.objects.create(
        employer=employer,
        user=user,
        first_name="Bench",
        last_name=str(size),
        codice_fiscale=f"BNCH{size:012d}",
        work_email=f"bench{size}@example.it",
        home_municipality=seat,
        start_date="2020-01-01",
    )
    today = timezone.localdate()
    plan = CreditPlan.objects.create(
        employer=employer,
        name="Bench",
        year=today.year,
        amount_per_employee=Decimal("10.00"),
        valid_from=today.replace(month=1, day=1),
        valid_to=today.replace(month=12, day=31),
    )
    wallet = Wallet.objects.create(employee=employee, plan=plan)
    cycle = [
        ("fund", Decimal("100.00"), Decimal("0")),
        ("reserve", Decimal("0"), Decimal("5.00")),
        ("spend", Decimal("-5.00"), Decimal("-5.00")),
    ]
    balance = reserved = Decimal("0.00")
    entries = []
    for i in range(size):
        kind, amount, held = cycle[i % 3]
        balance += amount
        reserved += held
        entries.append(
            LedgerEntry(
                wallet=wallet,
                kind=kind,
                amount=amount,
                held=held,
                balance_after=balance,
                reserved_after=reserved,
                idempotency_key=f"bench:w{wallet.pk}:{i}",
                order_number=f"B{i}" if kind != "fund" else "",
            )
        )
    LedgerEntry.objects.bulk_create(entries, batch_size=5000)
    Wallet.objects.filter(pk=wallet.pk).update(balance=balance, reserved=reserved)
    return user


def place_order(user, product):
    basket = Basket.objects.create(owner=user)
    basket.strategy = BenchStrategy()
    basket.add_product(product, 1)
    with transaction.atomic():
        allocations = credit_allocate(user=user, lines=basket_credit_lines(basket), amount=Decimal("1.00"))
        charge = Free().calculate(basket)
        order = OrderCreator().place_order(
            basket=basket,
            total=OrderTotalCalculator().calculate(basket, charge),
            shipping_method=Free(),
            shipping_charge=charge,
            user=user,
        )
        credit_reserve_for_order(order=order, basket=basket, allocations=allocations)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,1000,100000")
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL server: the benchmark measures row locks there.")

    settings.DEBUG = False
    logging.disable(logging.WARNING)  # other apps' placement notices would drown the table
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        seat = Municipality.objects.create(
            istat_code="999999", name="Bench", province="BG", cadastral_code="Z999", lat=45, lon=10
        )
        product = make_product(0)
        sizes = [int(s) for s in args.sizes.split(",")]
        users = {}
        for size in sizes:
            users[size] = make_wallet(size, seat)
            assert LedgerEntry.objects.filter(wallet__employee__user=users[size]).count() == size
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE welfare_ledgerentry; ANALYZE welfare_wallet")
        # Rounds alternate the sizes, so load from other processes spreads evenly over them.
        timings = {size: {"balance": [], "sum": [], "placement": []} for size in sizes}
        for _ in range(args.repeat):
            for size in sizes:
                user = users[size]
                timings[size]["balance"].append(median_ms(lambda user=user: available_credit(user=user), 1))
                timings[size]["sum"].append(
                    median_ms(
                        lambda user=user: LedgerEntry.objects.filter(wallet__employee__user=user).aggregate(
                            Sum("amount")
                        ),
                        1,
                    )
                )
                timings[size]["placement"].append(median_ms(lambda user=user: place_order(user, product), 1))
        print(
            f"{'entries':>9} {'balance ms':>11} {'sum ms':>8} {'placement ms':>13} {'placement queries':>18}"
        )
        for size in sizes:
            with CaptureQueriesContext(connection) as queries:
                place_order(users[size], product)
            t = {key: statistics.median(values) for key, values in timings[size].items()}
            print(
                f"{size:>9,} {t['balance']:>11.2f} {t['sum']:>8.2f} {t['placement']:>13.2f}"
                f" {len(queries):>18}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
