"""CPU time and SQL queries of one whole checkout paid with welfare credit, in one process.

The twin of the vanilla baseline's ``scripts/checkout_cpu.py``, measured the same way: a
logged-in buyer checks out one product N times through the shop's checkout, Django's test
client following every redirect; each step's ``process_time`` and SQL queries are summed per
checkout (DEBUG off, after one warm-up order). The buyer is an eligible employee paying with
welfare credit, so eligibility, the credit offered, the fringe-benefit cap, the wallet
reservation and the delivery round are all in the figure. Steps: basket add, checkout
(redirects to the address form), shipping address (redirects through the shipping and
payment methods to the payment details page), payment details, preview (the credit form
posted), place order (redirects to the thank-you page).

    VAR_DIR=... .venv/bin/python benchmarks/storefront/checkout_cpu.py [-n 20] [--json]
        [--email EMPLOYEE] [--profile STEP]

Needs a database with the demo loaded. Without ``--email`` it takes the first eligible
employee with a shop login and credit (the demo employee, or a benchmark buyer).
"""

import argparse
import cProfile
import json
import os
import pstats
import re
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from oscar.core.loading import get_class, get_model  # noqa: E402

from shop.welfare.allocation import CreditLine  # noqa: E402
from shop.welfare.selectors import CREDIT_SOURCE_NAME, credit_quote  # noqa: E402

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")

EMPLOYEE = "fabio.belotti@lacordata.example"
ADDRESS = {
    "first_name": "Giulia",
    "last_name": "Rossi",
    "line1": "Via Roma 1",
    "line4": "Sarnico",
    "postcode": "24067",
    "country": "IT",
    "phone_number": "",
}
CREDIT_FIELD = re.compile(r'<input[^>]*name="credit"[^>]*>')
VALUE = re.compile(r'value="([^"]*)"')


def product_for(user):
    """A cheap shipped product the buyer's plan covers, with stock for every order of the run."""
    goods = Product._default_manager.browsable().filter(
        product_class__requires_shipping=True, stockrecords__price__lte=Decimal("30.00")
    )
    for product in goods.order_by("pk"):
        info = Selector().strategy(user=user).fetch_for_product(product)
        if not (info.stockrecord and info.availability.is_available_to_buy):
            continue
        line = CreditLine(key="1", product=product, amount=info.price.incl_tax, quantity=1)
        if credit_quote(user=user, lines=[line]).maximum > 0:
            StockRecord._default_manager.filter(product=product).update(
                num_in_stock=1_000_000, num_allocated=0
            )
            return product
    raise SystemExit(f"no product {user.email} may pay with credit")


def step(client, method, path, data=None, profiler=None):
    if profiler:
        profiler.enable()
    started = time.process_time()
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(path, data=data or {}, follow=True)
    cpu = time.process_time() - started
    if profiler:
        profiler.disable()
    return cpu, len(ctx.captured_queries), response, ctx.captured_queries


def one_checkout(client, product_pk, profile_step="", sql_out=None):
    steps = [
        ("basket_add", "post", f"/basket/add/{product_pk}/", {"quantity": 1}),
        ("checkout", "get", "/checkout/", None),
        ("shipping_address", "post", "/checkout/shipping-address/", ADDRESS),
        ("payment_details", "get", "/checkout/payment-details/", None),
        ("preview", "post", "/checkout/preview/", None),
        ("place_order", "post", "/checkout/preview/", {"action": "place_order"}),
    ]
    cpu, queries, per_step, credit = 0.0, 0, {}, None
    for name, method, path, data in steps:
        if name == "preview":
            data = {"credit": credit, "rest_method": "cash"}
        profiler = cProfile.Profile() if name == profile_step else None
        c, q, response, sql = step(client, method, path, data, profiler)
        if response.status_code != 200:
            raise SystemExit(f"{name}: HTTP {response.status_code} at {response.request['PATH_INFO']}")
        if name == "payment_details":
            field = CREDIT_FIELD.search(response.content.decode())
            value = VALUE.search(field.group(0)) if field else None
            if value is None:
                raise SystemExit("payment details: no credit offered")
            credit = value.group(1)
        if profiler:
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(50)
        if sql_out is not None:
            sql_out[name] = [s["sql"] for s in sql]
        cpu += c
        queries += q
        per_step[name] = (c * 1000, q)
    if not response.request["PATH_INFO"].startswith("/checkout/thank-you"):
        raise SystemExit(f"place_order ended on {response.request['PATH_INFO']}, not the thank-you page")
    return cpu * 1000, queries, per_step


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--email", default="")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profile", default="", help="print a cProfile of this step (last checkout)")
    parser.add_argument("--sql", default="", help="write the SQL of each step of the last checkout here")
    args = parser.parse_args()

    users = get_user_model()._default_manager
    user = users.get(email=args.email or EMPLOYEE)
    product = product_for(user)
    client = Client()
    client.force_login(user)
    Basket._default_manager.filter(owner=user, status=Basket.OPEN).delete()
    before = Order._default_manager.filter(user=user).count()
    one_checkout(client, product.pk)  # warm-up
    runs = [one_checkout(client, product.pk) for _ in range(args.n - 1)]
    sql = {}
    runs.append(one_checkout(client, product.pk, args.profile, sql))
    placed = Order._default_manager.filter(user=user).count() - before
    with_credit = (
        Order._default_manager.filter(user=user, sources__source_type__name=CREDIT_SOURCE_NAME)
        .distinct()
        .count()
    )
    cpu = [r[0] for r in runs]
    result = {
        "checkouts": args.n,
        "orders_placed": placed,
        "orders_paid_with_credit": with_credit,
        "cpu_ms_mean": round(statistics.mean(cpu), 1),
        "cpu_ms_median": round(statistics.median(cpu), 1),
        "sql_per_checkout": runs[-1][1],
        "steps": {k: {"cpu_ms": round(v[0], 1), "sql": v[1]} for k, v in runs[-1][2].items()},
    }
    if args.sql:
        Path(args.sql).write_text(json.dumps(sql, indent=1))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"checkout with credit: {args.n} orders ({placed} placed incl. warm-up), CPU mean "
            f"{result['cpu_ms_mean']} ms, median {result['cpu_ms_median']} ms, "
            f"{result['sql_per_checkout']} SQL queries per checkout"
        )
        for k, v in result["steps"].items():
            print(f"  {k:<17} {v['cpu_ms']:>7} ms {v['sql']:>4} SQL")


if __name__ == "__main__":
    main()
