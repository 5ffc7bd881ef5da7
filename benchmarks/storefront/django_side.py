"""The Django side of benchmarks/storefront.py: runs inside the benchmark's throwaway database.

benchmarks/storefront.py sets DATABASE_URL / VAR_DIR and calls one sub-command per step;
each prints one JSON document on stdout.

    prepare [--products N]   demo scaled to N products, benchmark customers, target URLs,
                             credit for the in-process checkout rounds
    queries OUT.json         SQL queries per page (Django test client, warm)
    sessions N               N logged-in customers with empty baskets (wrk basket runs)
    basket-count             items in the customers' open baskets
    buyers N                 N eligible employees with credit, logged in, for the checkout run
    invariants               verify_wallets, wallets below zero, orders placed by the buyers
"""

import argparse
import io
import json
import os
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from oscar.core.loading import get_class, get_model  # noqa: E402

from shop.eligibility.models import Employee  # noqa: E402
from shop.eligibility.selectors import employments_active_on  # noqa: E402
from shop.welfare.allocation import CreditLine  # noqa: E402
from shop.welfare.models import Wallet  # noqa: E402
from shop.welfare.selectors import CREDIT_SOURCE_NAME, credit_quote  # noqa: E402
from shop.welfare.services import wallet_adjust  # noqa: E402

Basket = get_model("basket", "Basket")
Category = get_model("catalogue", "Category")
Country = get_model("address", "Country")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")

User = get_user_model()

PASSWORD = "bench-atc56w-9f2c"
CUSTOMER_EMAIL = "bench.customer{n}@example.org"
BUYER_EMAIL = "bench.buyer{n}@example.org"
CSRF_SECRET = "atc56wbenchcsrf0123456789abcdefg"  # 32 alphanumerics: cookie and form field
EMPLOYEE_EMAIL = "fabio.belotti@lacordata.example"  # the demo employee (README.md)
CHECKOUT_ROUNDS_CREDIT = Decimal("1000.00")
EMPLOYEE_PAGES = ("home", "category_km", "product", "search")
SEARCH_WORD = "miele"
DISTANCE_QUERY = "km=50&sort_by=distance"
GOODS_CATEGORY = "Prodotti Km 0"
STOCK = 1_000_000


def emit(data) -> None:
    json.dump(data, sys.stdout, indent=1, default=str)
    sys.stdout.write("\n")


# --- prepare ---------------------------------------------------------------------------------


def clone_products(target: int) -> int:
    """Copy the demo's products (category, stock record, picture) until there are ``target``."""
    originals = list(
        Product._default_manager.filter(structure=Product.STANDALONE).prefetch_related(
            "stockrecords", "images", "productcategory_set"
        )
    )
    made = 0
    round_no = 0
    while Product._default_manager.count() < target:
        round_no += 1
        with transaction.atomic():
            batch = []
            for original in originals:
                if Product._default_manager.count() + len(batch) >= target:
                    break
                clone = Product(
                    **{
                        f.attname: getattr(original, f.attname)
                        for f in Product._meta.concrete_fields
                        if f.attname not in ("id", "upc", "slug")
                    }
                )
                clone.upc = f"{(original.upc or 'P')[:40]}-C{round_no}"
                clone.slug = f"{original.slug[:200]}-c{round_no}"
                batch.append((original, clone))
            Product._default_manager.bulk_create([c for _o, c in batch])
            StockRecord._default_manager.bulk_create(
                StockRecord(
                    product=c,
                    partner_id=s.partner_id,
                    partner_sku=f"{s.partner_sku[:100]}-C{round_no}",
                    price=s.price,
                    price_currency=s.price_currency,
                    num_in_stock=s.num_in_stock,
                )
                for o, c in batch
                for s in o.stockrecords.all()
            )
            ProductCategory._default_manager.bulk_create(
                ProductCategory(product=c, category_id=pc.category_id)
                for o, c in batch
                for pc in o.productcategory_set.all()
            )
            ProductImage._default_manager.bulk_create(
                ProductImage(
                    product=c, original=i.original.name, caption=i.caption, display_order=i.display_order
                )
                for o, c in batch
                for i in o.images.all()
            )
            made += len(batch)
    return made


def sellable_to(user, product) -> bool:
    info = Selector().strategy(user=user).fetch_for_product(product)
    return bool(info.stockrecord and info.availability.is_available_to_buy)


def cmd_prepare(args):
    cloned = clone_products(args.products) if args.products else 0
    Country._default_manager.update_or_create(
        iso_3166_1_a2="IT",
        defaults={"name": "Italia", "printable_name": "Italia", "is_shipping_country": True},
    )
    goods = Category._default_manager.get(name=GOODS_CATEGORY, depth=1)
    anonymous = User()
    product = next(
        p
        for p in Product._default_manager.browsable()
        .filter(productcategory__category__in=goods.get_descendants_and_self(), stockrecords__isnull=False)
        .order_by("pk")
        if sellable_to(anonymous, p)
    )
    # Throwaway database: enough stock that every basket-add of the run really adds.
    StockRecord._default_manager.filter(product=product).update(num_in_stock=STOCK, num_allocated=0)
    for n in range(1, 5):
        email = CUSTOMER_EMAIL.format(n=n)
        if not User._default_manager.filter(email=email).exists():
            User._default_manager.create_user(username=email, email=email, password=PASSWORD)
    # The in-process checkout is measured in rounds, in turns with vanilla's (11 orders a
    # round): credit for all of them, through the ledger like any manager's correction.
    for wallet in Wallet.objects.filter(employee__user__email=EMPLOYEE_EMAIL):
        wallet_adjust(
            wallet=wallet,
            amount=CHECKOUT_ROUNDS_CREDIT,
            note="Benchmark: credit for the checkout rounds",
            by=None,
            key=f"bench:checkout-rounds:{wallet.pk}",
        )
    emit(
        {
            "products": Product._default_manager.count(),
            "browsable": Product._default_manager.browsable().count(),
            "cloned": cloned,
            "in_goods_category": Product._default_manager.browsable()
            .filter(productcategory__category__in=goods.get_descendants_and_self())
            .distinct()
            .count(),
            "paths": paths(goods, product),
            "basket_product": product.pk,
            "search_hits": Product._default_manager.filter(
                Q(title__icontains=SEARCH_WORD) | Q(description__icontains=SEARCH_WORD)
            ).count(),
        }
    )


def paths(goods, product) -> dict:
    category = goods.get_absolute_url()
    return {
        "home": "/",
        "category": category,
        "category_km": f"{category}?{DISTANCE_QUERY}",
        "catalogue_km": f"/catalogue/?{DISTANCE_QUERY}",
        "product": product.get_absolute_url(),
        "search": f"/search/?q={SEARCH_WORD}",
        "basket_add": f"/basket/add/{product.pk}/",
        "basket_page": "/basket/",
    }


# --- queries ---------------------------------------------------------------------------------


def count(client, method, path, data=None, repeats=4) -> dict:
    counts, status = [], None
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(path, data) if method == "post" else client.get(path)
        counts.append(len(ctx.captured_queries))
        status = status or response.status_code
        sql = [q["sql"][:200] for q in ctx.captured_queries]
    warm = counts[1:]
    return {
        "status": status,
        "first": counts[0],
        "warm": round(sum(warm) / len(warm), 1),
        "all": counts,
        "bytes": len(response.content),
        "sql": sql,
    }


def cmd_queries(args):
    targets = json.loads(Path(args.targets).read_text())
    p = targets["paths"]
    anon = Client()
    rows = {}
    for name in ("home", "category", "category_km", "product", "search"):
        rows[name] = count(anon, "get", p[name])
    for per_page in (20, 100):
        with override_settings(OSCAR_PRODUCTS_PER_PAGE=per_page):
            for name in ("category_km", "catalogue_km", "search"):
                row = count(anon, "get", p[name])
                row["page_size"] = per_page
                rows[f"{name}@{per_page}"] = row
    customer = Client()
    user = User._default_manager.get(email=CUSTOMER_EMAIL.format(n=4))
    customer.force_login(user)
    Basket._default_manager.filter(owner=user).delete()
    rows["basket_add"] = count(customer, "post", p["basket_add"], {"quantity": 1})
    rows["basket_page"] = count(customer, "get", p["basket_page"])
    Basket._default_manager.filter(owner=user).delete()
    # The demo employee: welfare credit, a household profile ("Per te" on the home page).
    employee = Client()
    worker = User._default_manager.get(email=EMPLOYEE_EMAIL)
    employee.force_login(worker)
    Basket._default_manager.filter(owner=worker).delete()
    for name in EMPLOYEE_PAGES:
        rows[f"{name}_employee"] = count(employee, "get", p[name])
    for per_page in (20, 100):
        with override_settings(OSCAR_PRODUCTS_PER_PAGE=per_page):
            for name in ("category_km", "search"):
                row = count(employee, "get", p[name])
                row["page_size"] = per_page
                rows[f"{name}_employee@{per_page}"] = row
    rows["basket_add_employee"] = count(employee, "post", p["basket_add"], {"quantity": 1})
    rows["basket_page_employee"] = count(employee, "get", p["basket_page"])
    Basket._default_manager.filter(owner=worker).delete()
    Path(args.out).write_text(json.dumps(rows, indent=1))
    emit({name: {k: v for k, v in row.items() if k != "sql"} for name, row in rows.items()})


# --- sessions --------------------------------------------------------------------------------


def login(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def cmd_sessions(args):
    users = list(
        User._default_manager.filter(email__in=[CUSTOMER_EMAIL.format(n=n) for n in range(1, 5)]).order_by(
            "email"
        )
    )
    Basket._default_manager.filter(owner__in=users).delete()
    emit({"keys": [login(u) for u in users[: args.n]], "csrf": CSRF_SECRET})


def cmd_basket_count(args):
    baskets = Basket._default_manager.filter(
        owner__email__in=[CUSTOMER_EMAIL.format(n=n) for n in range(1, 5)], status=Basket.OPEN
    )
    emit({"items": sum(b.num_items for b in baskets)})


# --- checkout buyers -------------------------------------------------------------------------


def cmd_buyers(args):
    """Eligible employees with credit, each with a logged-in session and a product to buy.

    Demo employees have no shop login of their own (apart from the documented one): the
    benchmark gives the first N eligible ones a user in its throwaway database.
    """
    from datetime import date

    goods = Category._default_manager.get(name=GOODS_CATEGORY, depth=1)
    candidates = list(
        Product._default_manager.browsable()
        .filter(
            productcategory__category__in=goods.get_descendants_and_self(),
            stockrecords__price__lte=Decimal("30.00"),
        )
        .distinct()
        .order_by("pk")[:40]
    )
    buyers = []
    employees = (
        employments_active_on(on=date.today())
        .filter(Q(user__isnull=True) | Q(user__email__startswith="bench.buyer"))
        .order_by("pk")
    )
    for employee in employees:
        if len(buyers) == args.n:
            break
        if employee.user_id is None:
            email = BUYER_EMAIL.format(n=employee.pk)
            user = User._default_manager.filter(email=email).first() or User._default_manager.create_user(
                username=email,
                email=email,
                password=PASSWORD,
                first_name=employee.first_name,
                last_name=employee.last_name,
            )
            Employee.objects.filter(pk=employee.pk).update(user=user)
        else:
            user = employee.user
        Basket._default_manager.filter(owner=user).delete()
        product = None
        for candidate in candidates[len(buyers) % len(candidates) :] + candidates:
            info = Selector().strategy(user=user).fetch_for_product(candidate)
            if not (info.stockrecord and info.availability.is_available_to_buy):
                continue
            line = CreditLine(key="1", product=candidate, amount=info.price.incl_tax, quantity=1)
            if credit_quote(user=user, lines=[line]).maximum > 0:
                product = candidate
                break
        if product is None:
            continue
        StockRecord._default_manager.filter(product=product).update(num_in_stock=STOCK, num_allocated=0)
        available = sum((w.available for w in Wallet.objects.filter(employee__user=user)), Decimal("0"))
        buyers.append(
            {"email": user.email, "session": login(user), "product": product.pk, "available": available}
        )
    emit({"buyers": buyers, "csrf": CSRF_SECRET})


def cmd_invariants(args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_wallets", stdout=out, stderr=err)
        verified, message = True, out.getvalue().strip()
    except Exception as exc:  # CommandError: the mismatches are in err
        verified, message = False, f"{exc}: {err.getvalue().strip()}"
    negative = [w.pk for w in Wallet.objects.all() if w.balance < 0 or w.reserved < 0 or w.available < 0]
    out = io.StringIO()
    try:
        call_command("check_invariants", "--json", stdout=out)
    except Exception:  # CommandError after the JSON: some invariant failed
        pass
    invariants = json.loads(out.getvalue())
    emit(
        {
            "check_invariants_ok": invariants["held"],
            "check_invariants": {k: v["count"] for k, v in invariants["checks"].items() if not v["held"]},
            "verify_wallets_ok": verified,
            "verify_wallets": message,
            "wallets_below_zero": negative,
            "buyer_orders": Order._default_manager.filter(user__email__startswith="bench.buyer").count(),
            "buyer_orders_paid_with_credit": Order._default_manager.filter(
                user__email__startswith="bench.buyer", sources__source_type__name=CREDIT_SOURCE_NAME
            )
            .distinct()
            .count(),
            "wallets": Wallet.objects.count(),
        }
    )


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--products", type=int, default=0)
    p = sub.add_parser("queries")
    p.add_argument("targets")
    p.add_argument("out")
    p = sub.add_parser("sessions")
    p.add_argument("n", type=int)
    sub.add_parser("basket-count")
    p = sub.add_parser("buyers")
    p.add_argument("n", type=int)
    sub.add_parser("invariants")
    args = parser.parse_args()
    {
        "prepare": cmd_prepare,
        "queries": cmd_queries,
        "sessions": cmd_sessions,
        "basket-count": cmd_basket_count,
        "buyers": cmd_buyers,
        "invariants": cmd_invariants,
    }[args.cmd](args)


if __name__ == "__main__":
    main()
