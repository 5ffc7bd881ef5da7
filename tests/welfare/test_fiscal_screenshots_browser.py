"""The fiscal pages in headless Chromium: each renders and is saved to docs/screenshots.

Chromium comes from tests/browser.py (skipped without it). Screenshots:
docs/screenshots/welfare-fiscal-*.png.
"""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from shop.core.roles import Role, grant_role
from shop.welfare.claims import claim_start_review
from shop.welfare.models import Wallet
from shop.welfare.services import credit_spend_for_order
from tests.browser import screenshot, share_session
from tests.factories.eligibility import UserFactory
from tests.factories.welfare import ON, funded_plan, order_with_credit, product_in
from tests.welfare.fiscal_factories import file_claim
from tests.welfare.test_checkout_with_credit import fill_basket_and_address

pytestmark = pytest.mark.browser


def shoot(browser, live_server, url: str, name: str, expect: str):
    browser.get(live_server.url + url)
    assert expect in browser.page_source
    screenshot(browser, f"welfare-fiscal-{name}")


def test_fiscal_pages_render_in_chromium(browser, live_server, employer, employee, employee_user, hr_user):
    from oscar.core.loading import get_model

    get_model("address", "Country").objects.update_or_create(
        iso_3166_1_a2="IT",
        defaults={"name": "Italia", "printable_name": "Italia", "is_shipping_country": True},
    )
    plan = funded_plan(employer=employer, amount="2500.00", regulation_reference="Regolamento welfare 2026")
    wallet = Wallet.objects.get(employee=employee, plan=plan)
    basket_gift = product_in(
        category_path="Alimentari > Cesti", price="450.00", benefit_type="c3", title="Cesto km 0"
    )
    credit_spend_for_order(order=order_with_credit(user=employee_user, lines=[(basket_gift, 1)]))
    reviewer = UserFactory(is_staff=True, first_name="Anna", last_name="Gestione")
    grant_role(reviewer, Role.MANAGER)
    claim = file_claim(user=employee_user, wallet=wallet, amount=Decimal("180.00"))
    claim_start_review(claim=claim, by=reviewer)

    employee_client = Client()
    employee_client.force_login(employee_user)
    gifts = product_in(
        category_path="Alimentari > Cesti", price="400.00", benefit_type="c3", title="Cesto di Natale"
    )
    # The claim declares a child (f-bis), so the cap is 2,000 €: 450 € spent and four gifts of
    # 400 € go over it.
    fill_basket_and_address(employee_client, [(gifts, 4)])
    share_session(browser, live_server, employee_client)
    shoot(browser, live_server, reverse("checkout:payment-details"), "checkout-warning", "fringe-warning")
    shoot(browser, live_server, reverse("welfare:fringe"), "fringe", "children_count")
    shoot(
        browser,
        live_server,
        reverse("welfare:claim-create", kwargs={"wallet_pk": wallet.pk}),
        "claim-form",
        "receipt",
    )
    shoot(browser, live_server, reverse("welfare:claim-list"), "claims", "Asilo nido")

    hr_client = Client()
    hr_client.force_login(hr_user)
    share_session(browser, live_server, hr_client)
    query = f"?employer={employer.pk}&year={ON.year}&month={ON.month}"
    shoot(browser, live_server, reverse("welfare:hr-payroll") + query, "payroll", "Scarica CSV")

    reviewer_client = Client()
    reviewer_client.force_login(reviewer)
    share_session(browser, live_server, reviewer_client)
    shoot(
        browser,
        live_server,
        reverse("welfare:claim-review-detail", kwargs={"pk": claim.pk}),
        "claim-review",
        "reason",
    )
