"""The Django side of benchmarks/load/run.py, inside the run's throwaway database.

run.py sets DATABASE_URL / VAR_DIR and calls one sub-command per step; each prints one JSON
document on stdout. The customers and the buyers' logins come from the storefront
benchmark's helper (benchmarks/storefront/django_side.py: ``prepare``, ``buyers``).

    targets BUYERS.json SCARCE_STOCK   URLs for the visitors, the scarce product, the buyers
    outcome TARGETS.json               what the run sold: orders, the scarce product's stock
"""

import argparse
import importlib.util
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

# The storefront benchmark's helper sets Django up and knows the demo (category, selling rules).
_spec = importlib.util.spec_from_file_location(
    "storefront_django_side", ROOT / "benchmarks" / "storefront" / "django_side.py"
)
storefront = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(storefront)

from django.contrib.auth import get_user_model  # noqa: E402
from django.db.models import Sum  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from shop.welfare.forms import WITHIN_CAP  # noqa: E402
from shop.welfare.selectors import CREDIT_SOURCE_NAME  # noqa: E402

Category = get_model("catalogue", "Category")
Line = get_model("order", "Line")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

MAX_URLS = 60
WORD = re.compile(r"[a-zà-ù]{5,}")


def cmd_targets(args):
    buyers = json.loads(Path(args.buyers).read_text())
    anonymous = User()
    products = []
    for product in (
        Product._default_manager.browsable().filter(stockrecords__isnull=False).distinct().order_by("pk")
    ):
        if len(products) == MAX_URLS:
            break
        if storefront.sellable_to(anonymous, product):
            products.append(product)
    categories = [
        c.get_absolute_url() for c in Category._default_manager.filter(depth__lte=2).order_by("path")
    ]
    words = sorted({w for p in products for w in WORD.findall(p.title.lower())})[:30] or [
        storefront.SEARCH_WORD
    ]
    # The scarce product: one the buyers may buy, not anyone's everyday product, a few units
    # in stock that every buyer tries to get: the oversell check has something to check.
    taken = {b["product"] for b in buyers["buyers"]}
    goods = Category._default_manager.get(name=storefront.GOODS_CATEGORY, depth=1)
    user = User._default_manager.get(email=buyers["buyers"][0]["email"])
    scarce = next(
        p
        for p in Product._default_manager.browsable()
        .filter(productcategory__category__in=goods.get_descendants_and_self(), stockrecords__isnull=False)
        .exclude(pk__in=taken)
        .distinct()
        .order_by("pk")
        if p.get_product_class().track_stock and storefront.sellable_to(user, p)
    )
    StockRecord._default_manager.filter(product=scarce).update(
        num_in_stock=args.scarce_stock, num_allocated=0
    )
    storefront.emit(
        {
            "home": "/",
            "categories": categories[:MAX_URLS],
            "products": [p.get_absolute_url() for p in products],
            "basket_products": [p.pk for p in products],
            "search_words": words,
            "buyers": buyers["buyers"],
            "csrf": buyers["csrf"],
            "fringe_choice": WITHIN_CAP,
            "scarce": {"product": scarce.pk, "title": scarce.title, "stock": args.scarce_stock},
        }
    )


def cmd_outcome(args):
    targets = json.loads(Path(args.targets).read_text())
    scarce = targets["scarce"]["product"]
    records = StockRecord._default_manager.filter(product_id=scarce)
    buyers = Order._default_manager.filter(user__email__in=[b["email"] for b in targets["buyers"]])
    storefront.emit(
        {
            "orders": Order._default_manager.count(),
            "buyer_orders": buyers.count(),
            "buyer_orders_with_credit": buyers.filter(sources__source_type__name=CREDIT_SOURCE_NAME)
            .distinct()
            .count(),
            "credit_used": buyers.filter(sources__source_type__name=CREDIT_SOURCE_NAME).aggregate(
                total=Sum("sources__amount_allocated")
            )["total"],
            "scarce": {
                "product": scarce,
                "stock": sum(r.num_in_stock or 0 for r in records),
                "allocated": sum(r.num_allocated or 0 for r in records),
                "units_ordered": Line._default_manager.filter(product_id=scarce).aggregate(n=Sum("quantity"))[
                    "n"
                ]
                or 0,
            },
        }
    )


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("targets")
    p.add_argument("buyers")
    p.add_argument("scarce_stock", type=int)
    p = sub.add_parser("outcome")
    p.add_argument("targets")
    args = parser.parse_args()
    {"targets": cmd_targets, "outcome": cmd_outcome}[args.cmd](args)


if __name__ == "__main__":
    main()
