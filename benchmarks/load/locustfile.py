"""Locust users of the load run (started by benchmarks/load/run.py, never against another host).

Four kinds of visitor, the URLs and logins from the run's targets file (LOAD_TARGETS):

* Visitor: anonymous browsing, home page, category pages, product pages;
* Searcher: the search page with words from the product titles;
* Shopper: anonymous basket, add a product, look at the basket;
* WelfareBuyer: one employee's own login each (``--buyers`` of them), the whole checkout paid
  with welfare credit, the steps of benchmarks/storefront.py's ``Buyer``;
* ScarceBuyer: employees of their own (``--scarce-buyers``) who all try to buy the scarce
  product, a few units in stock: "sold out" is an answer there, not an error, and the
  invariants afterwards show whether more was sold than there was.

Every request is also written to LOAD_EVENTS (start, end, name, ok, error) at the end, so
run.py can tell the errors inside a fault window from those outside it.
"""

import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from storefront import Buyer  # noqa: E402

TARGETS = json.loads(Path(os.environ["LOAD_TARGETS"]).read_text())
EVENTS: list[tuple[float, float, str, bool, str]] = []
OUTCOMES: Counter = Counter()
_next_buyer = iter(range(len(TARGETS["buyers"])))


@events.request.add_listener
def _record(request_type, name, response_time, exception, **kwargs):
    end = time.time()
    EVENTS.append((end - (response_time or 0) / 1000, end, name, exception is None, str(exception or "")))


@events.quitting.add_listener
def _write(environment, **kwargs):
    path = os.environ.get("LOAD_EVENTS")
    if path:
        Path(path).write_text(json.dumps({"events": EVENTS, "outcomes": OUTCOMES}))


class Visitor(HttpUser):
    weight = 4
    wait_time = between(0.2, 1.0)

    @task(1)
    def home(self):
        self.client.get(TARGETS["home"], name="home")

    @task(3)
    def category(self):
        self.client.get(random.choice(TARGETS["categories"]), name="category")

    @task(4)
    def product(self):
        self.client.get(random.choice(TARGETS["products"]), name="product")


class Searcher(HttpUser):
    weight = 2
    wait_time = between(0.2, 1.0)

    @task
    def search(self):
        self.client.get("/search/", params={"q": random.choice(TARGETS["search_words"])}, name="search")


class Shopper(HttpUser):
    weight = 2
    wait_time = between(0.2, 1.0)

    def on_start(self):
        self.client.cookies.set("csrftoken", TARGETS["csrf"])

    @task(2)
    def add(self):
        product = random.choice(TARGETS["basket_products"])
        with self.client.post(
            f"/basket/add/{product}/",
            data={"csrfmiddlewaretoken": TARGETS["csrf"], "quantity": 1},
            name="basket add",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}")

    @task(1)
    def view(self):
        self.client.get("/basket/", name="basket")


class LocustBuyer(Buyer):
    """``Buyer``'s checkout steps sent through Locust's client, so Locust times each one."""

    def __init__(self, client, buyer: dict):
        super().__init__(port=0, session=buyer["session"], csrf=TARGETS["csrf"], product=buyer["product"])
        self.client = client
        self.scarce = False
        client.cookies.set("sessionid", buyer["session"])
        client.cookies.set("csrftoken", TARGETS["csrf"])

    def request(self, step: str, method: str, path: str, form=None, expect=(200,)) -> str:
        data = None
        if form is not None:
            data = {"csrfmiddlewaretoken": self.csrf, **form}
            if step == "preview" and "credit" in form:
                data["fringe_choice"] = TARGETS["fringe_choice"]
        name = f"{'scarce' if self.scarce else 'checkout'} {step}"
        with self.client.request(
            method, path, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            status = response.status_code or 0
            # Sold out (the scarce product): Oscar answers with a redirect or the page again.
            if status in expect or (self.scarce and 0 < status < 500):
                response.success()
            else:
                response.failure(f"HTTP {status}")
                self.errors.append(f"{step}: HTTP {status}")
            if step == "place_order" and self.scarce:
                bought = status == 302 and "thank-you" in response.headers.get("Location", "")
                OUTCOMES["scarce bought" if bought else "scarce refused"] += 1
            return response.text or ""


class Employee(HttpUser):
    """A login of its own from the run's pool of buyers."""

    abstract = True
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.buyer = LocustBuyer(self.client, TARGETS["buyers"][next(_next_buyer)])


class WelfareBuyer(Employee):
    fixed_count = int(os.environ.get("LOAD_BUYERS", "10"))

    @task
    def checkout(self):
        buyer = self.buyer
        before = len(buyer.errors)
        started = time.perf_counter()
        done = buyer.checkout()
        OUTCOMES["checkouts"] += 1
        if done == done:  # NaN: a checkout with an error
            OUTCOMES["checkouts completed"] += 1
        # Flow errors found in a page (no credit field, no place-order form) are errors too.
        for message in buyer.errors[before:]:
            if "HTTP" not in message:
                events.request.fire(
                    request_type="FLOW",
                    name="checkout flow",
                    response_time=(time.perf_counter() - started) * 1000,
                    response_length=0,
                    exception=RuntimeError(message),
                    context={},
                )


class ScarceBuyer(Employee):
    """An employee of their own who only ever tries to buy the scarce product."""

    fixed_count = int(os.environ.get("LOAD_SCARCE_BUYERS", "4"))

    def on_start(self):
        super().on_start()
        self.buyer.scarce = True
        self.buyer.product = TARGETS["scarce"]["product"]

    @task
    def checkout(self):
        done = self.buyer.checkout()
        OUTCOMES["scarce attempts"] += 1
        if done != done:  # NaN: no payment page or no place-order form, i.e. the basket was empty
            OUTCOMES["scarce stopped early"] += 1
