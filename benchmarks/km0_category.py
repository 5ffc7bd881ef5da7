"""Benchmark: a category page filtered and sorted by distance, with 1,000 / 10,000 / 50,000 products.

Runs on PostgreSQL in a temporary database that it creates and drops. For each catalogue
size it bulk-creates synthetic products (origins spread over the municipalities within
about 60 km of the territory), precomputes the distance table, then requests
``<category>?km=50&sort_by=distance`` through Django's test client, as an anonymous visitor
and as an employee living in Trescore Balneario, and prints the median time of a page and
the number of SQL queries it ran.

    .venv/bin/python benchmarks/km0_category.py [--pg postgres://postgres@127.0.0.1:5432] [--runs 15]
"""

import argparse
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (1_000, 10_000, 50_000)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    return parser.parse_args()


def create_database(pg_url, name):
    import psycopg

    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(pg_url, name):
    import psycopg

    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(db_url):
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    os.environ["STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ["VAR_DIR"] = os.environ.get("VAR_DIR", f"/tmp/atc56w-km0-bench-{os.getpid()}")
    import django

    django.setup()


def load_base():
    from django.core.management import call_command

    # The test factories build a coherent employee and admitted suppliers.
    from tests.factories.km0 import EmployeeFactory, may_sell

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_territory", verbosity=0)
    from oscar.core.loading import get_model

    from shop.territory.models import Municipality

    Category = get_model("catalogue", "Category")
    ProductClass = get_model("catalogue", "ProductClass")
    Partner = get_model("partner", "Partner")
    category = Category.add_root(name="Prodotti Km 0 (benchmark)")
    product_class = ProductClass.objects.create(
        name="Alimentari", slug="alimentari", track_stock=True, vat_rate="4"
    )
    trescore = Municipality.objects.get(pk="016218")
    employee = EmployeeFactory(home_municipality=trescore, employer__seat=trescore)
    # Origins: every municipality within ~60 km of the territory's centre (a box is enough).
    origins = list(
        Municipality.objects.filter(
            lat__range=(Decimal("45.2"), Decimal("46.3")), lon__range=(Decimal("9.2"), Decimal("10.7"))
        )
    )
    partners = [
        Partner.objects.create(name=f"Fornitore {n}", seat=origins[n % len(origins)]) for n in range(50)
    ]
    for partner in partners:
        may_sell(partner)  # only admitted suppliers that signed the charter are listed
    return category, product_class, employee, origins, partners


def add_products(*, start, stop, category, product_class, origins, partners):
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    ProductCategory = get_model("catalogue", "ProductCategory")
    batch = 5_000
    for first in range(start, stop, batch):
        numbers = range(first, min(first + batch, stop))
        products = Product.objects.bulk_create(
            [
                Product(
                    title=f"Prodotto {n}",
                    slug=f"prodotto-{n}",
                    upc=f"BENCH{n:07d}",
                    structure="standalone",
                    product_class=product_class,
                    is_public=True,
                    origin=origins[(n * 7919) % len(origins)],
                )
                for n in numbers
            ]
        )
        StockRecord.objects.bulk_create(
            [
                StockRecord(
                    product=p,
                    partner=partners[p.pk % len(partners)],
                    partner_sku=f"SKU{p.pk}",
                    price=Decimal("3.50") + Decimal(p.pk % 40),
                    price_currency="EUR",
                    num_in_stock=20,
                )
                for p in products
            ]
        )
        ProductCategory.objects.bulk_create([ProductCategory(product=p, category=category) for p in products])


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment

    client.get(url)  # warm caches (templates, sorl key-value store, distance check)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    # Instrumented only for this last request: the timings above run uninstrumented.
    setup_test_environment()
    try:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        products = len(response.context["products"])
    finally:
        teardown_test_environment()
    return statistics.median(times), len(captured), products


def main():
    args = parse_args()
    name = f"atc56w_km0bench_{os.getpid()}"
    create_database(args.pg, name)
    try:
        setup_django(f"{args.pg}/{name}")
        from django.conf import settings
        from django.db import connections
        from django.test import Client

        from shop.km0.services import distances_compute

        settings.ALLOWED_HOSTS = ["testserver"]
        started = time.perf_counter()
        category, product_class, employee, origins, partners = load_base()
        print(
            f"PostgreSQL database {name}: base data in {time.perf_counter() - started:.0f} s; "
            f"{len(origins)} places of origin, page size {settings.OSCAR_PRODUCTS_PER_PAGE}"
        )
        url = f"{category.get_absolute_url()}?km=50&sort_by=distance"
        anonymous, logged_in = Client(), Client()
        logged_in.force_login(employee.user)
        print(
            f"{'products':>9} | {'anonymous median':>16} | {'queries':>7} | "
            f"{'employee median':>15} | {'queries':>7} | shown"
        )
        done = 0
        for size in [int(s) for s in args.sizes.split(",")]:
            add_products(
                start=done,
                stop=size,
                category=category,
                product_class=product_class,
                origins=origins,
                partners=partners,
            )
            done = size
            distances_compute()
            with connections["default"].cursor() as cursor:
                cursor.execute("ANALYZE")
            anon_ms, anon_q, shown = measure(anonymous, url, args.runs)
            emp_ms, emp_q, _ = measure(logged_in, url, args.runs)
            print(
                f"{size:>9,} | {anon_ms:>13.1f} ms | {anon_q:>7} | {emp_ms:>12.1f} ms | {emp_q:>7} | {shown}"
            )
        connections.close_all()
    finally:
        drop_database(args.pg, name)


if __name__ == "__main__":
    main()
