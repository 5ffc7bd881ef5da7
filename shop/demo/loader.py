"""The demo shop: the territory's real municipalities, plausible suppliers, offer and people.

Everything is generated from one seeded ``random.Random`` and written with create-or-update on
natural keys (names, UPCs, partite IVA, codici fiscali), so loading twice changes nothing.
Each domain app may add its own demo data in ``shop/demo/<app label>.py`` with
``load(*, stdout, rng)``; the ``load_demo`` command calls them after the base data, in the
order of INSTALLED_APPS. The demo lives above every rule app: no rule app imports it.
"""

import importlib
import importlib.util
import random

from django.apps import apps
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.db import transaction
from oscar.core.loading import get_model

from shop.core.roles import ensure_role_groups
from shop.demo.catalogue import categories_load, product_classes_load, suppliers_and_products_load
from shop.demo.logins import logins_load
from shop.demo.people import employees_load, employers_load

SEED = "atc56w-demo"
SITE_DOMAIN = "127.0.0.1:8000"
SITE_NAME = "AtC56W+"


def site_load() -> None:
    site = Site.objects.filter(pk=settings.SITE_ID).first()
    if site is None:
        Site.objects.create(pk=settings.SITE_ID, domain=SITE_DOMAIN, name=SITE_NAME)
    elif (site.domain, site.name) != (SITE_DOMAIN, SITE_NAME):
        site.domain, site.name = SITE_DOMAIN, SITE_NAME
        site.save()


@transaction.atomic
def base_load(*, stdout, seed: str = SEED) -> dict[str, int]:
    """Territory, roles, catalogue, suppliers, employers, employees and role logins."""
    call_command("load_territory", stdout=stdout)
    site_load()
    ensure_role_groups()
    categories = categories_load()
    classes = product_classes_load()
    # Separate streams per part: a change in one part does not reshuffle the others.
    counts = suppliers_and_products_load(
        rng=random.Random(f"{seed}:catalogue"), categories=categories, classes=classes
    )
    employers = employers_load(rng=random.Random(f"{seed}:employers"))
    employees_load(rng=random.Random(f"{seed}:employees"), employers=employers)
    logins_load()
    return counts


def app_demos() -> list[tuple[str, object]]:
    """``(label, load)`` for every installed ``shop.*`` app with a module ``shop/demo/<label>.py``."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("shop.") or config.name == "shop.demo":
            continue
        module_name = f"shop.demo.{config.label}"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        if not hasattr(module, "load"):
            continue
        found.append((config.label, module.load))
    return found


def apps_load(*, stdout, seed: str = SEED) -> list[str]:
    loaded = []
    for label, load in app_demos():
        with transaction.atomic():
            load(stdout=stdout, rng=random.Random(f"{seed}:{label}"))
        loaded.append(label)
    return loaded


def demo_counts() -> dict[str, int]:
    from django.contrib.auth import get_user_model

    from shop.eligibility.models import Employee, Employer
    from shop.territory.models import Municipality

    models = {
        "municipalities": Municipality,
        "categories": get_model("catalogue", "Category"),
        "product classes": get_model("catalogue", "ProductClass"),
        "suppliers": get_model("partner", "Partner"),
        "products": get_model("catalogue", "Product"),
        "stock records": get_model("partner", "StockRecord"),
        "product images": get_model("catalogue", "ProductImage"),
        "employers": Employer,
        "employees": Employee,
        "users": get_user_model(),
    }
    return {name: model._default_manager.count() for name, model in models.items()}
