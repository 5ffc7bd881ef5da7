"""CPU time per page of the vanilla Oscar baseline, measured like benchmarks/storefront_cpu.py.

Run with the baseline's own Python, after its run.sh has set it up once:

    BASELINE_WORK=/tmp/oscar_baseline_work BASELINE_DB=sqlite \\
        /tmp/oscar_baseline_venv/bin/python benchmarks/storefront/vanilla_cpu.py \\
        ../shared/bench/oscar_baseline [-n 30] [--json]
"""

import gc
import json
import os
import sys
import time

BASELINE = os.path.abspath(sys.argv[1])
N = int(sys.argv[sys.argv.index("-n") + 1]) if "-n" in sys.argv else 30
AS_JSON = "--json" in sys.argv
sys.path.insert(0, os.path.join(BASELINE, "scripts"))
os.environ.setdefault("DEBUG", "0")

import _django  # noqa: E402, F401  (the baseline's Django set-up)
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

Basket = get_model("basket", "Basket")
Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


def request(client, method, path):
    return client.post(path, {"quantity": 1}) if method == "post" else client.get(path)


def main():
    product = Product.objects.get(upc="BASE000007")
    category = Category.objects.get(name="Books")
    anon, customer = Client(), Client()
    assert customer.login(username="baseline4@example.com", password="baseline-pass-123")
    Basket.objects.filter(owner__email="baseline4@example.com").delete()
    pages = {
        "catalogue": (anon, "get", "/catalogue/"),
        "category": (anon, "get", category.get_absolute_url()),
        "product": (anon, "get", product.get_absolute_url()),
        "search": (anon, "get", "/search/?q=lamp"),
        "basket_add": (customer, "post", f"/basket/add/{product.pk}/"),
        "basket_page": (customer, "get", "/basket/"),
    }
    rows = {}
    for name, (client, method, path) in pages.items():
        for _ in range(3):
            assert request(client, method, path).status_code in (200, 302), name
        with CaptureQueriesContext(connection) as queries:
            request(client, method, path)
        sql = len(queries)
        gc.collect()  # as benchmarks/storefront_cpu.py: the earlier pages' garbage not in this one
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(N):
            request(client, method, path)
        cpu_ms = (time.process_time() - cpu) * 1000 / N
        wall_ms = (time.perf_counter() - wall) * 1000 / N
        rows[name] = {"cpu_ms": round(cpu_ms, 2), "wall_ms": round(wall_ms, 2), "queries": sql}
    Basket.objects.filter(owner__email="baseline4@example.com").delete()
    if AS_JSON:
        print(json.dumps(rows, indent=1))
        return
    print(f"{'page':<20} {'CPU ms/req':>10} {'wall ms/req':>11} {'SQL':>4}")
    for name, row in rows.items():
        print(f"{name:<20} {row['cpu_ms']:>10.1f} {row['wall_ms']:>11.1f} {row['queries']:>4}")


if __name__ == "__main__":
    main()
