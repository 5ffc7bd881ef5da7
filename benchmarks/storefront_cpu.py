"""CPU time and SQL queries per storefront page, in one process (stable on a loaded machine).

wrk figures swing with the machine's load; the CPU time a page costs in Python does not.
This serves each page N times through Django's test client (DEBUG off, the project's
settings and database) and prints, per page, the mean process CPU time per request (after
warm-up requests) and the SQL queries of the last request. The pages that only read are
served in turns, one request of each per round, so that a burst of the machine's load
weighs on all of them alike (an employee's page against the same page for an anonymous
visitor); each basket page is served on its own. Use it before and after a change;
``--profile PAGE`` prints a cProfile of that page instead. Each group's requests start
after a full garbage collection (benchmarks/storefront/vanilla_cpu.py does the same): the
collection that the earlier pages and the set-up made due would otherwise land in whichever
page comes next (about 100 ms, 2.5 ms a request over 40); each page still pays the
collections that fall in its own requests.

    VAR_DIR=... .venv/bin/python benchmarks/storefront_cpu.py [-n 50] [--pages home,search]
    VAR_DIR=... .venv/bin/python benchmarks/storefront_cpu.py --profile search -n 20

Needs a database with the demo loaded (``manage.py load_demo``) and its search index.
The ``*_employee`` pages run as the demo employee (welfare credit, a household profile);
the other basket pages as ``--customer`` (default: the demo employee;
benchmarks/storefront.py passes its plain customer, like its wrk rows). Open baskets are
emptied first; the basket pages show one line. Every measured basket addition must add
(the script stops otherwise): the product needs the stock for them, which
benchmarks/storefront.py gives it on its throwaway database.
"""

import argparse
import cProfile
import gc
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

Basket = get_model("basket", "Basket")
Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
EMPLOYEE = "fabio.belotti@lacordata.example"


def pages() -> dict:
    goods = Category._default_manager.get(name="Prodotti Km 0", depth=1)
    product = (
        Product._default_manager.browsable()
        .filter(productcategory__category__in=goods.get_descendants_and_self(), stockrecords__isnull=False)
        .order_by("pk")
        .first()
    )
    category = goods.get_absolute_url()
    return {
        "home": ("anon", "get", "/"),
        "category": ("anon", "get", category),
        "category_km": ("anon", "get", f"{category}?km=50&sort_by=distance"),
        "product": ("anon", "get", product.get_absolute_url()),
        "search": ("anon", "get", "/search/?q=miele"),
        "home_employee": ("employee", "get", "/"),
        "category_employee": ("employee", "get", f"{category}?km=50&sort_by=distance"),
        "product_employee": ("employee", "get", product.get_absolute_url()),
        "search_employee": ("employee", "get", "/search/?q=miele"),
        "basket_add": ("customer", "post", f"/basket/add/{product.pk}/"),
        "basket_page": ("customer", "get", "/basket/"),
        # The demo employee, who has welfare credit (the basket page shows what it covers).
        "basket_add_employee": ("employee", "post", f"/basket/add/{product.pk}/"),
        "basket_page_employee": ("employee", "get", "/basket/"),
    }


def basket_items(owner) -> int:
    """The quantity in ``owner``'s open baskets."""
    baskets = Basket._default_manager.filter(owner=owner, status=Basket.OPEN)
    return sum(quantity or 0 for quantity in baskets.values_list("lines__quantity", flat=True))


def request(client, method, path):
    if client.anonymous:
        client.cookies.clear()  # like wrk: no session, basket or history cookie
    if method == "post":
        return client.post(path, {"quantity": 1})
    return client.get(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--profile", default="", help="print a cProfile of this page")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--customer", default=EMPLOYEE, help="email of the basket pages' customer")
    args = parser.parse_args()

    # No setup_test_environment(): its instrumented template rendering copies every context.
    clients = {"anon": Client(), "employee": Client(), "customer": Client()}
    for name, client in clients.items():
        client.anonymous = name == "anon"
    users = get_user_model()._default_manager
    employee = users.get(email=EMPLOYEE)
    clients["employee"].force_login(employee)
    user = users.get(email=args.customer)
    clients["customer"].force_login(user)
    Basket._default_manager.filter(owner__in=[user, employee], status=Basket.OPEN).delete()
    chosen = pages()
    names = [n for n in (args.pages.split(",") if args.pages else chosen) if n]
    if args.profile:
        names = [args.profile]
    rows = {}
    # The pages that read (every page but the basket's) are measured in turns, one request of
    # each per round: a burst of the machine's load then weighs on a page for an anonymous
    # visitor and on the same page for the employee alike, and their ratio stays the page's.
    # The basket pages change the basket, so each is measured on its own, one after another.
    reading = [name for name in names if not name.startswith("basket")]
    groups = ([reading] if reading else []) + [[name] for name in names if name.startswith("basket")]
    for group in groups:
        sql, owners, items_before = {}, {}, {}
        for name in group:
            who, method, path = chosen[name]
            client = clients[who]
            if name.startswith("basket_page"):  # one line in the basket
                Basket._default_manager.filter(owner__in=[user, employee], status=Basket.OPEN).delete()
                request(client, "post", chosen["basket_add"][2])
            for _ in range(args.warmup):
                response = request(client, method, path)
                assert response.status_code in (200, 302), (name, response.status_code)
            with CaptureQueriesContext(connection) as queries:
                request(client, method, path)
            sql[name] = len(queries)  # now: the next request clears the connection's query log
            owners[name] = employee if who == "employee" else user
            items_before[name] = basket_items(owners[name])
        profiler = cProfile.Profile() if args.profile else None
        cpu, wall = dict.fromkeys(group, 0.0), dict.fromkeys(group, 0.0)
        gc.collect()  # the previous pages' garbage collected now, not in these pages' figures
        for _ in range(args.n):
            for name in group:
                who, method, path = chosen[name]
                started, wall_started = time.process_time(), time.perf_counter()
                if profiler:
                    profiler.enable()
                request(clients[who], method, path)
                if profiler:
                    profiler.disable()
                cpu[name] += time.process_time() - started
                wall[name] += time.perf_counter() - wall_started
        for name in group:
            if name.startswith("basket_add") and basket_items(owners[name]) != items_before[name] + args.n:
                # A refused addition (out of stock) costs less than one that adds: not comparable
                # with vanilla's row. benchmarks/storefront.py gives the product enough stock.
                sys.exit(f"{name}: not every addition was made (out of stock?): give the product more stock")
            rows[name] = {
                "cpu_ms": round(cpu[name] * 1000 / args.n, 2),
                "wall_ms": round(wall[name] * 1000 / args.n, 2),
                "queries": sql[name],
            }
        if profiler:
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats(60)
            stats.sort_stats("tottime").print_stats(30)
    Basket._default_manager.filter(owner__in=[user, employee], status=Basket.OPEN).delete()
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        print(f"{'page':<20} {'CPU ms/req':>10} {'wall ms/req':>11} {'SQL':>4}")
        for name, row in rows.items():
            print(f"{name:<20} {row['cpu_ms']:>10.1f} {row['wall_ms']:>11.1f} {row['queries']:>4}")


if __name__ == "__main__":
    main()
