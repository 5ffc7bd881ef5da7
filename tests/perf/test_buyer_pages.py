"""Employee pages (issue 23): what every page of a buyer asks is answered once per request and
kept across requests where it is safe, and a change shows on the next page.

Pinned here: the SQL queries of each employee page (home with "Per te", category filtered
by distance, product, search) for an employee with welfare credit and a household profile,
at most 15 and the same at 20 and 100 products per page. Then each cross-request cache
against its invalidation: permissions (account menu), unread notifications, the header's
welfare credit, the "Per te" ranking, a product's recommendations.
"""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.core.roles import Role, grant_role
from shop.needs.consent import CONSENT_VERSION
from shop.needs.models import HouseholdProfile, Need
from tests.core.test_storefront_pages import plain_static_storage
from tests.core.test_storefront_queries import shop
from tests.factories.welfare import funded_plan
from tests.perf.test_query_counts import DISTANCE, employee_login, grow, steady_queries

pytestmark = pytest.mark.django_db

__all__ = ["plain_static_storage", "shop"]  # fixtures shared with the storefront tests

Notification = get_model("communication", "Notification")
Product = get_model("catalogue", "Product")
ProductRecommendation = get_model("catalogue", "ProductRecommendation")

# Session, user, the gate, the page's own reads; none for the buyer's km-0 reference point
# (kept per user), the basket, permissions, notifications or the header's credit (the buyer's
# kept account bar and mini basket) or for "Per te" once they are in the cache.
# Counted without transaction statements (BEGIN/COMMIT show on SQLite only), so the same on
# both databases; with them, on SQLite, each is 2 more and still at most 15.
EMPLOYEE_PAGE_QUERIES = {"home": 8, "category_km": 9, "product": 8, "search": 8}
MAX_QUERIES = 15
TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def data_queries(captured) -> int:
    """The SQL statements that read or write data (not BEGIN, COMMIT, savepoints)."""
    return sum(1 for q in captured if not q["sql"].lstrip().upper().startswith(TRANSACTION))


def page_queries(client, url) -> tuple[int, int]:
    """(all statements, data statements) of the second request of ``url``."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), data_queries(queries.captured_queries)


@pytest.fixture
def buyer(client, shop, settings):
    """An employee with a funded wallet and a household profile that "Per te" answers."""
    grow(shop, to=20)
    employee = employee_login(client, settings)
    funded_plan(employer=employee.employer, amount="500.00")
    profile = HouseholdProfile.objects.create(
        user=employee.user,
        home_municipality=employee.home_municipality,
        consent_version=CONSENT_VERSION,
        consent_given_at=timezone.now(),
    )
    need = Need.objects.create(slug="spesa", name="Spesa km 0", concerns=Need.Concerns.HOUSEHOLD)
    need.categories.add(shop["goods"])
    profile.needs.add(need)
    call_command("rebuild_index", interactive=False, verbosity=0)
    return employee


def urls(shop):
    product = Product.objects.filter(categories=shop["goods"]).order_by("pk").first()
    return {
        "home": "/",
        "category_km": f"{shop['goods'].get_absolute_url()}?{DISTANCE}",
        "product": product.get_absolute_url(),
        "search": "/search/?q=prodotto",
    }


def test_each_employee_page_runs_its_pinned_queries(client, shop, buyer):
    counts = {name: page_queries(client, url) for name, url in urls(shop).items()}

    assert {name: data for name, (_all, data) in counts.items()} == EMPLOYEE_PAGE_QUERIES
    assert max(every for every, _data in counts.values()) <= MAX_QUERIES


def test_home_page_shows_per_te_from_the_cache(client, shop, buyer, django_assert_max_num_queries):
    first = client.get("/")
    assert first.context["user"].is_authenticated
    assert "Spesa km 0" in first.content.decode()  # the reason names the need
    with django_assert_max_num_queries(MAX_QUERIES):
        again = client.get("/")
    assert "Spesa km 0" in again.content.decode()


def test_employee_list_pages_run_the_same_queries_at_20_and_100_per_page(client, shop, buyer, settings):
    grow(shop, to=60)
    call_command("rebuild_index", interactive=False, verbosity=0)
    for name in ("category_km", "search"):
        url = urls(shop)[name]
        counts = []
        for per_page in (20, 100):
            settings.OSCAR_PRODUCTS_PER_PAGE = per_page
            counts.append(steady_queries(client, url)[0])
        assert counts[0] == counts[1] <= MAX_QUERIES, name


def test_a_household_change_shows_in_per_te_on_the_next_page(client, shop, buyer):
    assert "Spesa km 0" in client.get("/").content.decode()
    profile = HouseholdProfile.objects.get(user=buyer.user)
    profile.needs.clear()  # m2m_changed: the cached ranking is dropped

    assert "Spesa km 0" not in client.get("/").content.decode()
    profile.needs.add(Need.objects.get(slug="spesa"))
    assert "Spesa km 0" in client.get("/").content.decode()
    profile.delete()
    assert "Spesa km 0" not in client.get("/").content.decode()


def test_a_supplier_suspended_without_signals_leaves_per_te_at_once(client, shop, buyer):
    from shop.charter.models import Admission

    assert "Spesa km 0" in client.get("/").content.decode()
    Admission.objects.filter(partner=shop["partner"]).update(status=Admission.Status.SUSPENDED)

    assert "Spesa km 0" not in client.get("/").content.decode()


def test_a_granted_role_shows_in_the_account_menu_on_the_next_page(client, shop, buyer):
    link = f'href="{reverse("logistics:round-list")}"'
    assert link not in client.get("/").content.decode()
    grant_role(buyer.user, Role.SFA_OPERATOR)

    assert link in client.get("/").content.decode()


def test_a_new_notification_shows_in_the_account_menu_on_the_next_page(client, shop, buyer):
    badge = 'class="badge badge-warning"'
    assert badge not in client.get("/").content.decode()
    Notification.objects.create(recipient=buyer.user, subject="Ordine spedito")

    page = client.get("/")
    assert page.context["num_unread_notifications"]() == 1
    assert badge in page.content.decode()
    Notification.objects.filter(recipient=buyer.user).get().delete()
    assert badge not in client.get("/").content.decode()


def test_a_new_recommendation_shows_on_the_product_page(client, shop, buyer):
    first, second = Product.objects.filter(categories=shop["goods"]).order_by("pk")[:2]
    assert second.title not in client.get(first.get_absolute_url()).content.decode()
    ProductRecommendation.objects.create(primary=first, recommendation=second, ranking=1)

    assert second.title in client.get(first.get_absolute_url()).content.decode()


def test_employment_ended_today_is_read_again_on_the_next_request(client, shop, buyer):
    assert client.get("/").context["welfare_balance"]() is not None
    buyer.end_date = timezone.localdate() - datetime.timedelta(days=1)
    buyer.save()

    assert client.get("/").context["welfare_balance"]() is None


# --- The header's welfare credit (shop.welfare.selectors.header_credit) --------------------


def header_credit_reads(client, url="/") -> tuple[object, int]:
    """(the credit the page's header shows, the wallet reads of the request)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    reads = sum('FROM "welfare_wallet"' in q["sql"] for q in queries.captured_queries)
    return response.context["welfare_balance"](), reads


def test_the_header_credit_is_read_once_then_kept(client, shop, buyer):
    from shop.welfare.selectors import available_credit

    assert header_credit_reads(client) == (Decimal("500.00"), 1)
    assert header_credit_reads(client) == (Decimal("500.00"), 0)
    assert header_credit_reads(client, urls(shop)["product"]) == (available_credit(user=buyer.user), 0)


def test_credit_spent_or_corrected_shows_in_the_header_on_the_next_page(client, shop, buyer, manager):
    from shop.welfare.models import Wallet
    from shop.welfare.services import wallet_adjust

    header_credit_reads(client)
    wallet = Wallet.objects.get(employee=buyer)
    wallet_adjust(wallet=wallet, amount=Decimal("-120.50"), note="Rettifica", by=manager)

    assert header_credit_reads(client)[0] == Decimal("379.50")


def test_a_new_plan_shows_in_the_header_on_the_next_page(client, shop, buyer):
    header_credit_reads(client)
    funded_plan(employer=buyer.employer, amount="80.00", name="Piano Natale")

    assert header_credit_reads(client)[0] == Decimal("580.00")


def test_a_suspended_employer_leaves_the_header_on_the_next_page(client, shop, buyer):
    from shop.eligibility.models import Employer

    header_credit_reads(client)
    employer = buyer.employer
    employer.status = Employer.Status.SUSPENDED
    employer.save()

    assert header_credit_reads(client)[0] is None


def test_a_plan_ended_yesterday_leaves_the_header_on_the_next_page(client, shop, buyer):
    from shop.welfare.models import CreditPlan

    header_credit_reads(client)
    plan = CreditPlan.objects.get(employer=buyer.employer)
    plan.valid_to = timezone.localdate() - datetime.timedelta(days=1)
    plan.save()

    assert header_credit_reads(client)[0] == Decimal("0.00")


def test_the_header_credit_of_yesterday_is_not_shown_today(client, shop, buyer):
    from shop.welfare.models import CreditPlan

    today = timezone.localdate()
    CreditPlan.objects.filter(employer=buyer.employer).update(valid_to=today)  # ends tonight
    header_credit_reads(client)
    with mock.patch("django.utils.timezone.localdate", return_value=today + datetime.timedelta(days=1)):
        assert header_credit_reads(client)[0] == Decimal("0.00")
