"""The pages each role opens, by URL name, for the accessibility and phone-layout sweep
(tests/a11y/test_pages.py), and the URL names that are not pages, each with its reason.

tests/a11y/test_page_list.py walks the URL conf: a URL name in neither list fails it, so a new
page cannot ship without being swept. To add a page, put its URL name under the role that
opens it:

- ``None``: a URL without arguments (a query string may follow: ``"?q=miele"``);
- ``via("<url name>")``: the first link to it found on that page (listed before it, same role);
- a callable ``(user) -> dict``: the URL's keyword arguments, looked up in the demo data.

The sweep runs on the demo data (``manage.py load_demo``), logged in as each role's demo login.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class via:  # noqa: N801  (reads as a word in the lists below)
    """Find the page's address as the first link to it on another page of the same role."""

    parent: str
    selector: str = "a[href]"


def _employer(user) -> dict:
    return {"employer_pk": user.hr_contacts.first().employer_id}


def _invitation(user) -> dict:
    from shop.eligibility.models import Invitation

    invitation = Invitation._default_manager.filter(accepted_by=None).order_by("pk").first()
    return {"token": invitation.token}


def _password_reset(user) -> dict:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from tests.a11y.demo import demo_user

    someone = demo_user("employee")
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(someone.pk)),
        "token": default_token_generator.make_token(someone),
    }


def _address(user) -> dict:
    """The buyer's saved address (one is made when the demo has none)."""
    from oscar.core.loading import get_model

    UserAddress = get_model("address", "UserAddress")
    Country = get_model("address", "Country")
    address = UserAddress._default_manager.filter(user=user).first() or UserAddress._default_manager.create(
        user=user,
        first_name=user.first_name,
        last_name=user.last_name,
        line1="Via Roma 1",
        line4="San Paolo d'Argon",
        postcode="24060",
        country=Country._default_manager.get(iso_3166_1_a2="IT"),
    )
    return {"pk": address.pk}


def _wallet(user) -> dict:
    from shop.welfare.models import Wallet

    return {"wallet_pk": Wallet._default_manager.filter(employee__user=user).order_by("pk").first().pk}


# role -> {url name: how to reach it}; the order is the order of the visit.
PAGES: dict[str, dict[str, object]] = {
    "visitor": {
        "home": None,
        "catalogue:index": None,
        "catalogue:category": via("home", "a[href*='/catalogue/category/']"),
        "catalogue:detail": via(
            "catalogue:index", "a[href*='/catalogue/'][href$='/']:not([href*='category'])"
        ),
        "search:search": "?q=miele",
        "charter:supplier_list": None,
        "charter:supplier": via("charter:supplier_list"),
        "charter:charter_text": None,
        "charter:apply": None,
        "welfare:fringe": None,
        "basket:summary": None,
        "offer:list": None,
        "customer:login": None,
        "customer:register": None,
        "password-reset": None,
        "password-reset-done": None,
        "password-reset-confirm": _password_reset,
        "password-reset-complete": None,
        "eligibility:invitation-accept": _invitation,
    },
    "employee": {
        "home": None,
        "catalogue:index": None,
        "catalogue:detail": via(
            "catalogue:index", "a[href*='/catalogue/'][href$='/']:not([href*='category'])"
        ),
        "basket:summary": None,
        "basket:saved": None,
        "customer:summary": None,
        "customer:profile-view": None,
        "customer:profile-update": None,
        "customer:profile-delete": None,
        "customer:change-password": None,
        "customer:order-list": None,
        "customer:order": via("customer:order-list"),
        "customer:address-list": None,
        "customer:address-create": None,
        "customer:address-detail": _address,
        "customer:address-delete": _address,
        "customer:email-list": None,
        "customer:notifications-inbox": None,
        "customer:notifications-archive": None,
        "customer:alerts-list": None,
        "customer:wishlists-list": None,
        "customer:wishlists-create": None,
        "eligibility:my-employer": None,
        "eligibility:join-request": None,
        "welfare:wallet": None,
        "welfare:fringe": None,
        "welfare:claim-list": None,
        "welfare:claim-detail": via("welfare:claim-list"),
        "welfare:claim-create": _wallet,
        "needs:household": None,
        "needs:household-edit": None,
        "needs:household-delete": None,
        "needs:urgent": None,
        "needs:my-requests": None,
        "bookings:mine": None,
        "bookings:detail": via("bookings:mine"),
        "logistics:my-deliveries": None,
    },
    "hr": {
        "eligibility:hr-index": None,
        "eligibility:hr-dashboard": _employer,
        "eligibility:hr-roster": _employer,
        "eligibility:hr-employee-add": _employer,
        "eligibility:hr-employee-edit": via("eligibility:hr-roster"),
        "eligibility:hr-employee-end": via("eligibility:hr-roster"),
        "eligibility:hr-roster-import": _employer,
        "eligibility:hr-invitations": _employer,
        "eligibility:hr-join-requests": _employer,
        "eligibility:hr-join-request-decide": via("eligibility:hr-join-requests"),
        "welfare:hr-plan-list": None,
        "welfare:hr-plan-create": None,
        "welfare:hr-plan-detail": via("welfare:hr-plan-list"),
        "welfare:hr-payroll": None,
        "welfare:hr-categories": None,
        "reports:hr-report-index": None,
        "reports:hr-report": _employer,
        "security:2fa-setup": None,
    },
    "supplier": {
        "dashboard:index": None,
        "dashboard:catalogue-product-list": None,
        "dashboard:catalogue-product": via("dashboard:catalogue-product-list"),
        "dashboard:order-list": None,
        "dashboard:order-detail": via("dashboard:order-list"),
        "dashboard:order-line-detail": via("dashboard:order-detail"),
        "charter:mine": None,
        "charter:service_terms": via("charter:mine"),
        "bookings-dashboard:inbox": None,
        "bookings-dashboard:calendars": None,
        "bookings-dashboard:calendar": via("bookings-dashboard:calendars"),
        "bookings-dashboard:exceptions": via("bookings-dashboard:calendar"),
        "bookings-dashboard:week": via("bookings-dashboard:calendars"),
        "bookings-dashboard:feast-days": None,
        "needs:supplier-requests": None,
    },
    "manager": {
        "dashboard:index": None,
        "dashboard:catalogue-product-list": None,
        "dashboard:catalogue-product": via("dashboard:catalogue-product-list"),
        "dashboard:catalogue-category-list": None,
        "dashboard:stock-alert-list": None,
        "dashboard:order-list": None,
        # An order of goods delivered by the SFA round (the newest demo order is a booking,
        # which has no delivery address to change).
        "dashboard:order-detail": via("dashboard:order-list", 'a[href*="LOG-DEMO-"]'),
        "dashboard:order-shipping-address": via("dashboard:order-detail"),
        "dashboard:order-line-detail": via("dashboard:order-detail"),
        "dashboard:order-stats": None,
        "dashboard:reports-index": None,
        "dashboard:partner-list": None,
        "dashboard:partner-manage": via("dashboard:partner-list"),
        "dashboard:partner-create": None,
        "dashboard:users-index": None,
        "dashboard:user-detail": via("dashboard:users-index"),
        "charter:queue": None,
        "charter:suppliers": None,
        "charter:admission": via("charter:suppliers"),
        "charter:versions": None,
        "charter:version": via("charter:versions"),
        "charter:version_create": None,
        "bookings-dashboard:inbox": None,
        "bookings-dashboard:calendars": None,
        "welfare:claim-review-list": None,
        "welfare:claim-review-detail": via("welfare:claim-review-list"),
        "reports:manager": None,
        "reports:funder": None,
        "needs:dashboard-needs": None,
        "needs:dashboard-need": via("needs:dashboard-needs"),
        "needs:dashboard-need-create": None,
        "needs:dashboard-coverage": None,
        "km0:coverage-map": None,
        "km0:share-map": None,
    },
    "operator": {
        "logistics:round-list": None,
        "logistics:round-detail": via("logistics:round-list"),
        "logistics:work": None,
        "logistics:trainees": None,
        "logistics:delivery-rounds": None,
        "logistics:delivery-round": via("logistics:delivery-rounds"),
    },
    "trainee": {
        "logistics:station": None,
        "logistics:station-bye": None,
    },
}

# Roles whose links and buttons must be touch targets (WCAG 2.2 2.5.8): the storefront's.
STOREFRONT_ROLES = ("visitor", "employee")

_POST = "POST-only action: answers a form of a listed page, no page of its own"
_FILE = "a file download, not an HTML page"
_OSCAR_UNUSED = (
    "Oscar's dashboard for a feature this shop does not use (offers, vouchers, ranges, flat pages, "
    "reviews, e-mail templates, weight-based shipping, product types and options): no role works "
    "there; its pages share the dashboard layout swept above"
)
_OSCAR_FORM = (
    "an Oscar dashboard create/edit/delete form of a listed list page, same layout and form partials"
)

# URL names (or prefixes ending in ``*``) that are not swept, each with its reason.
EXCLUDED: dict[str, str] = {
    "admin:*": "Django admin: the superuser's tool, outside the roles of the issue (its own styles)",
    "set_language": _POST + " (the IT/EN switch)",
    "eligibility:hr-roster-import-columns": (
        "needs an uploaded file waiting in the session; swept with axe at 390 and 1280 px by "
        "tests/eligibility/test_hr_import_browser.py"
    ),
    "customer:logout": _POST,
    "dashboard:logout": _POST,
    "dashboard:login": "redirects to the storefront's login page (customer:login, listed)",
    "security:2fa-verify": "the second-factor prompt: same template as security:2fa-setup (listed); "
    "needs a confirmed device, covered by tests/journeys/test_manager.py with axe",
    # Files.
    "eligibility:hr-roster-template": _FILE + " (CSV template)",
    "welfare:claim-receipt": _FILE + " (the uploaded receipt)",
    "welfare:claim-review-receipt": _FILE + " (the uploaded receipt)",
    "charter:signature_pdf": _FILE + " (PDF)",
    "logistics:round-labels": _FILE + " (PDF)",
    "logistics:round-sheet": _FILE + " (PDF)",
    "reports:funder-pdf": _FILE + " (PDF)",
    "reports:export": _FILE + " (CSV/XLSX)",
    "reports:hr-export": _FILE + " (CSV/XLSX)",
    "bookings:ics": _FILE + " (iCalendar)",
    "needs:household-export": _FILE + " (JSON)",
    "dashboard:voucher-set-download": _FILE + " (CSV)",
    "dashboard:catalogue-product-lookup": "JSON for the product form's select2 lookups",
    # POST-only actions.
    "eligibility:hr-employee-invite": _POST,
    "welfare:hr-plan-fund": _POST,
    "logistics:round-close": _POST,
    "logistics:session-open": _POST,
    "logistics:session-close": _POST,
    "logistics:station-start": _POST,
    "logistics:station-item": _POST + " (the station page shows the item)",
    "logistics:station-undo": _POST,
    "logistics:station-close-box": _POST,
    "logistics:station-end": _POST,
    "logistics:delivery-box": _POST + " (delivered or not, from the delivery round page)",
    "bookings:cancel": _POST,
    "bookings-dashboard:confirm": _POST,
    "bookings-dashboard:refuse": _POST,
    "bookings-dashboard:review-keep": _POST + " (from the manager's bookings inbox)",
    "bookings-dashboard:review-cancel": _POST + " (from the manager's bookings inbox)",
    "bookings-dashboard:feast-day-delete": _POST + " (from the feast days page)",
    "bookings-dashboard:closure-delete": _POST,
    "bookings-dashboard:extra-delete": _POST,
    "needs:supplier-answer": _POST,
    "basket:add": _POST,
    "basket:vouchers-add": _POST + " (vouchers are not used)",
    "basket:vouchers-remove": _POST + " (vouchers are not used)",
    "customer:notifications-update": _POST,
    "customer:address-change-status": _POST,
    "customer:alert-create": _POST + " (stock alerts)",
    "customer:alerts-cancel-by-pk": _POST,
    "catalogue:reviews-vote": _POST,
    "customer:wishlists-add-product": _POST,
    "customer:wishlists-remove-product": _POST,
    "customer:wishlists-move-product-to-another": _POST,
    "dashboard:catalogue-product-bulk-action": _POST,
    "dashboard:partner-user-link": _POST,
    "dashboard:partner-user-unlink": _POST,
    "dashboard:user-password-reset": _POST,
    "dashboard:order-detail-note": _POST + " (order notes, from the order page)",
    # Pages reached only with state the sweep does not build.
    "checkout:*": "the checkout steps need a basket in the session: swept with axe step by step by "
    "tests/journeys/test_employee.py and, with a saved address, tests/a11y/test_checkout_address.py",
    "customer:anon-order-form": "anonymous order status: anonymous checkout is off",
    "customer:anon-order": "anonymous order status: anonymous checkout is off",
    "customer:email-detail": "an e-mail sent to the buyer: the demo sends none (console backend)",
    "customer:notifications-detail": "Oscar notifications: the demo has none",
    "customer:alerts-confirm": "stock-alert confirmation link from an e-mail: stock alerts are not offered",
    "customer:alerts-cancel-by-key": "stock-alert cancel link from an e-mail: stock alerts are not offered",
    "customer:wishlists-detail": "a wish list: the demo has none (the list page is swept)",
    "customer:wishlists-update": "a wish list: the demo has none (the list page is swept)",
    "customer:wishlists-delete": "a wish list: the demo has none (the list page is swept)",
    "customer:wishlists-create-with-product": "same form as customer:wishlists-create (listed)",
    "wishlists:detail": "a shared wish list: the demo has none",
    "catalogue:range": "product ranges are not used",
    "charter:sign": "redirects to charter:mine (listed) once the version in force is signed (demo supplier); "
    "checked at both sizes in tests/journeys/test_supplier.py",
    "customer:order-line": "Oscar's page of one order line: the shop's order page does not link it",
    "catalogue:reviews-list": "product reviews are off: no product page links them",
    "dashboard:catalogue-product-create": "the product form (dashboard:catalogue-product, listed), empty: "
    "reached through the product-type form",
    "catalogue:reviews-detail": "reviews: the demo has none (the list page is swept)",
    "catalogue:reviews-add": "reviews are off (OSCAR_ALLOW_ANON_REVIEWS) and need a product page state",
    "offer:detail": "offers are not used (the list page is swept)",
    "charter:resubmit": "only for a refused or withdrawn supplier; the demo supplier is approved",
    "needs:urgent-request": "needs an urgent situation with an offer near the buyer's home in the session; "
    "the list (needs:urgent) is swept",
    "bookings:book": "needs a service product chosen on its page; covered by tests/bookings browser tests",
    "dashboard:catalogue-product-create-child": (
        "the product form (listed as dashboard:catalogue-product) for a variant"
    ),
    "dashboard:catalogue-product-delete": _OSCAR_FORM,
    "dashboard:catalogue-category-detail-list": _OSCAR_FORM + " (sub-categories)",
    "dashboard:catalogue-category-create*": _OSCAR_FORM + " (categories)",
    "dashboard:catalogue-category-update": _OSCAR_FORM + " (categories)",
    "dashboard:catalogue-category-delete": _OSCAR_FORM + " (categories)",
    "dashboard:catalogue-class-*": _OSCAR_UNUSED,
    "dashboard:catalogue-attribute-option-group-*": _OSCAR_UNUSED,
    "dashboard:catalogue-option-*": _OSCAR_UNUSED,
    "dashboard:partner-delete": _OSCAR_FORM,
    "dashboard:partner-user-*": _OSCAR_FORM + " (a supplier's users)",
    "dashboard:user-alert-*": _OSCAR_UNUSED,
    "dashboard:offer-*": _OSCAR_UNUSED,
    "dashboard:range-*": _OSCAR_UNUSED,
    "dashboard:voucher-*": _OSCAR_UNUSED,
    "dashboard:page-*": _OSCAR_UNUSED,
    "dashboard:reviews-*": _OSCAR_UNUSED,
    "dashboard:comms-*": _OSCAR_UNUSED,
    "dashboard:shipping-method-*": _OSCAR_UNUSED,
}

# Each role's main pages, kept at both sizes in docs/screenshots/a11y-<role>-<page>-<width>.png.
SCREENSHOTS: dict[str, tuple[str, ...]] = {
    "visitor": ("home", "catalogue:index", "catalogue:detail"),
    "employee": (
        "customer:summary",
        "customer:order",
        "welfare:wallet",
        "welfare:claim-list",
        "bookings:detail",
    ),
    "hr": ("eligibility:hr-dashboard", "eligibility:hr-roster", "welfare:hr-plan-list", "reports:hr-report"),
    "supplier": (
        "dashboard:index",
        "dashboard:catalogue-product-list",
        "dashboard:order-list",
        "bookings-dashboard:feast-days",
        "bookings-dashboard:inbox",
    ),
    "manager": ("dashboard:index", "charter:queue", "welfare:claim-review-list", "reports:manager"),
    "operator": (
        "logistics:round-list",
        "logistics:round-detail",
        "logistics:work",
        "logistics:delivery-round",
    ),
    "trainee": ("logistics:station",),
}
