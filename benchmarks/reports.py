"""Reports benchmark: a year of activity on PostgreSQL, then the median time of the manager's
main report and of the funder PDF.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/atc56w_bench \
        .venv/bin/python benchmarks/reports.py [--orders 100000] [--lines 300000] \
        [--entries 150000] [--repeat 5]

It creates a throwaway database (Django's test database for DATABASE_URL, migrated), writes
the reference data with the ORM (municipalities, categories, suppliers, products, employers,
employees, plans, wallets) and the volume with ``INSERT … SELECT generate_series`` straight
into the real tables (orders, lines, ledger entries), runs ANALYZE, measures and drops the
database. Every query over one second is printed with its ``EXPLAIN ANALYZE`` plan.
"""

import argparse
import datetime
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
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from shop.eligibility.models import Employee, Employer  # noqa: E402
from shop.reports import selectors  # noqa: E402
from shop.reports.pdf import funder_pdf  # noqa: E402
from shop.territory.models import Municipality  # noqa: E402
from shop.welfare.models import CreditPlan, Wallet  # noqa: E402

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
LedgerEntry = get_model("welfare", "LedgerEntry")

YEAR = 2026
PLACES, CATEGORIES, PARTNERS, PRODUCTS, EMPLOYERS, EMPLOYEES = 32, 10, 60, 600, 12, 3000


def _fill(model, given: dict[str, str]) -> tuple[str, str]:
    """Column list and SELECT expressions for an INSERT: ``given`` plus a neutral value for every
    other NOT NULL column (Django keeps defaults in Python, not in the database)."""
    columns, exprs = [], []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        if f.column in given:
            expr = given[f.column]
        elif f.null:
            continue
        else:
            kind = f.get_internal_type()
            if kind in ("CharField", "TextField", "EmailField", "SlugField", "URLField"):
                expr = "''"
            elif kind == "BooleanField":
                expr = "false"
            elif kind == "DateTimeField":
                expr = "now()"
            elif kind == "DateField":
                expr = "current_date"
            elif kind == "JSONField":
                expr = "'{}'::jsonb"
            else:
                expr = "0"
        columns.append(f'"{f.column}"')
        exprs.append(expr)
    return ", ".join(columns), ", ".join(exprs)


def reference_data():
    places = [
        Municipality(
            istat_code=f"9{n:05d}",
            name=f"Comune {n}",
            province="BG",
            cadastral_code=f"Z{n:03d}",
            lat=Decimal("45.7") + Decimal(n) / 100,
            lon=Decimal("9.9"),
            area="Val Cavallina" if n % 2 else "Basso Sebino",
        )
        for n in range(PLACES)
    ]
    Municipality.objects.bulk_create(places)
    roots = [Category.add_root(name=f"Categoria {n}") for n in range(CATEGORIES)]
    goods, _ = ProductClass.objects.get_or_create(name="Prodotti bench", defaults={"track_stock": True})
    services, _ = ProductClass.objects.get_or_create(name="Servizi bench", defaults={"track_stock": False})
    partners = Partner.objects.bulk_create(
        [Partner(name=f"Fornitore {n}", code=f"f{n}") for n in range(PARTNERS)]
    )
    products = Product.objects.bulk_create(
        [
            Product(
                title=f"Prodotto {n}",
                slug=f"prodotto-{n}",
                structure="standalone",
                product_class=services if n % 5 == 0 else goods,
                is_public=True,
            )
            for n in range(PRODUCTS)
        ]
    )
    ProductCategory.objects.bulk_create(
        [ProductCategory(product=p, category=roots[n % CATEGORIES]) for n, p in enumerate(products)]
    )
    employers = Employer.objects.bulk_create(
        [
            Employer(
                legal_name=f"Cooperativa {n}",
                vat_number=f"{n:011d}",
                status="active",
                area="Val Cavallina" if n % 2 else "Basso Sebino",
                seat=places[n % PLACES],
            )
            for n in range(EMPLOYERS)
        ]
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(username=f"b{n}", email=f"b{n}@example.it") for n in range(EMPLOYEES)]
    )
    Employee.objects.bulk_create(
        [
            Employee(
                employer=employers[n % EMPLOYERS],
                user=u,
                first_name="N",
                last_name=f"C{n}",
                codice_fiscale=f"BNCHXX{n:05d}A000",
                home_municipality=places[n % PLACES],
                start_date=datetime.date(YEAR - 1, 1, 1),
            )
            for n, u in enumerate(users)
        ]
    )
    plans = CreditPlan.objects.bulk_create(
        [
            CreditPlan(
                employer=e,
                name="Piano bench",
                year=YEAR,
                amount_per_employee=Decimal("500.00"),
                valid_from=datetime.date(YEAR, 1, 1),
                valid_to=datetime.date(YEAR, 12, 31),
            )
            for e in employers
        ]
    )
    employees = list(Employee.objects.order_by("pk").values_list("pk", "employer_id"))
    plan_of = {p.employer_id: p for p in plans}
    wallets = Wallet.objects.bulk_create(
        [Wallet(employee_id=pk, plan=plan_of[employer_id]) for pk, employer_id in employees]
    )
    return {
        "users": [u.pk for u in users],
        "places": [p.pk for p in places],
        "partners": [p.pk for p in partners],
        "products": [p.pk for p in products],
        "wallets": [w.pk for w in wallets],
    }


def volume(ids, *, orders: int, lines: int, entries: int):
    start = timezone.make_aware(datetime.datetime(YEAR, 1, 1))
    seconds = 364 * 86400

    def array(values):
        return "ARRAY[" + ",".join(values) + "]"

    users = array(map(str, ids["users"]))
    places = array(f"'{p}'" for p in ids["places"])
    products = array(map(str, ids["products"]))
    partners = array(map(str, ids["partners"]))
    wallets = array(map(str, ids["wallets"]))
    n_places = len(ids["places"])
    since = f"'{start.isoformat()}'::timestamptz"
    n_users, n_products, n_partners, n_wallets = (
        len(ids["users"]),
        len(ids["products"]),
        len(ids["partners"]),
        len(ids["wallets"]),
    )
    at = f"({since} + ((g::bigint * {seconds}) / {orders}) * interval '1 second')"
    columns, exprs = _fill(
        Order,
        {
            "number": "'B' || g",
            "currency": "'EUR'",
            "total_incl_tax": "(5 + g % 40) * 3",
            "total_excl_tax": "(5 + g % 40) * 3",
            "status": "CASE WHEN g % 40 = 0 THEN 'Annullato' ELSE 'Consegnato' END",
            "user_id": f"({users})[1 + g % {n_users}]",
            "date_placed": at,
            "site_id": str(settings.SITE_ID),
        },
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Order._meta.db_table} ({columns}) "
            f"SELECT {exprs} FROM generate_series(1, {orders}) g"
        )
        cursor.execute(f"SELECT min(id) FROM {Order._meta.db_table}")
        first_order = cursor.fetchone()[0]
        per_order = lines / orders
        product = f"({products})[1 + g % {n_products}]"
        columns, exprs = _fill(
            Line,
            {
                "order_id": f"{first_order} + floor((g - 1) / {per_order})::int",
                "partner_id": f"({partners})[1 + (g % {n_products}) % {n_partners}]",
                "partner_name": f"'Fornitore ' || ((g % {n_products}) % {n_partners})",
                "product_id": product,
                "title": "'Prodotto'",
                "quantity": "1",
                "line_price_incl_tax": "5 + g % 40",
                "line_price_excl_tax": "5 + g % 40",
                "line_price_before_discounts_incl_tax": "5 + g % 40",
                "line_price_before_discounts_excl_tax": "5 + g % 40",
                "status": "'Consegnato'",
                "distance_km": "CASE WHEN g % 17 = 0 THEN NULL ELSE ((g * 7) % 1500) / 10.0 END",
                # The buyer's home: the same place for every line of an order.
                "reference_municipality_id": (
                    f"({places})[1 + (floor((g - 1) / {per_order})::int % {n_users}) % {n_places}]"
                ),
                "origin_id": f"({places})[1 + g % {n_places}]",
            },
        )
        cursor.execute(
            f"INSERT INTO {Line._meta.db_table} ({columns}) SELECT {exprs} FROM generate_series(1, {lines}) g"
        )
        # Funding first (one per wallet), then spends and a few expiries through the year.
        kind = f"CASE WHEN g <= {n_wallets} THEN 'fund' WHEN g % 50 = 0 THEN 'expire' ELSE 'spend' END"
        columns, exprs = _fill(
            LedgerEntry,
            {
                "wallet_id": f"({wallets})[1 + g % {n_wallets}]",
                "kind": kind,
                "amount": f"CASE WHEN g <= {n_wallets} THEN 500 ELSE -(1 + g % 9) END",
                "held": "0",
                "balance_after": "0",
                "reserved_after": "0",
                "idempotency_key": "'bench:' || g",
                "created_at": f"({since} + ((g::bigint * {seconds}) / {entries}) * interval '1 second')",
            },
        )
        cursor.execute(
            f"INSERT INTO {LedgerEntry._meta.db_table} ({columns}) "
            f"SELECT {exprs} FROM generate_series(1, {entries}) g"
        )
        for model in (Order, Line, LedgerEntry, Wallet):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


class SlowQueries:
    """Times every query; keeps those over ``limit`` seconds to print their plans."""

    def __init__(self, limit=1.0):
        self.limit, self.slow, self.count = limit, [], 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - start
            self.count += 1
            if elapsed > self.limit and not sql.lstrip().upper().startswith("EXPLAIN"):
                self.slow.append((elapsed, sql, params))


def median_ms(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=300_000)
    parser.add_argument("--entries", type=int, default=150_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL server.")
    old_name = connection.settings_dict["NAME"]
    t0 = time.perf_counter()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        t1 = time.perf_counter()
        ids = reference_data()
        volume(ids, orders=args.orders, lines=args.lines, entries=args.entries)
        t2 = time.perf_counter()
        print(f"database created and migrated in {t1 - t0:.1f} s; data generated in {t2 - t1:.1f} s")
        print(
            f"orders {Order.objects.count():,}, lines {Line.objects.count():,}, "
            f"ledger entries {LedgerEntry.objects.count():,}, wallets {Wallet.objects.count():,}"
        )
        scope = selectors.Scope(
            period=selectors.Period(start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31))
        )
        area_scope = selectors.Scope(period=scope.period, area="Val Cavallina")
        employer = Employer.objects.order_by("pk").first()
        hr_scope = selectors.Scope(period=scope.period, employer=employer)
        slow = SlowQueries()
        with connection.execute_wrapper(slow):
            runs = [
                ("manager report, whole year, both areas", lambda: selectors.manager_report(scope=scope)),
                (
                    "manager report, whole year, Val Cavallina",
                    lambda: selectors.manager_report(scope=area_scope),
                ),
                ("employer report (HR), whole year", lambda: selectors.employer_report(scope=hr_scope)),
                (
                    "funder report PDF, whole year",
                    lambda: funder_pdf(report=selectors.funder_report(scope=scope), area_label="Entrambi"),
                ),
            ]
            for label, fn in runs:
                fn()  # warm the cache once, as a page would be after the first visit
                slow.count = 0
                ms = median_ms(fn, args.repeat)
                print(
                    f"{label}: median {ms:,.0f} ms over {args.repeat} runs "
                    f"({slow.count // args.repeat} queries per run)"
                )
        seen = set()
        for elapsed, sql, params in sorted(slow.slow, key=lambda s: -s[0]):
            if sql in seen:
                continue
            seen.add(sql)
            print(f"\n--- query over 1 s ({elapsed:.2f} s):\n{sql}\nparams: {params}")
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                print("\n".join(row[0] for row in cursor.fetchall()))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
