"""Order and line status changes move credit: confirmation spends, cancellation returns.

Connected to Oscar's status signals rather than to one view, so the dashboard, the
logistics pages and the shell all follow the same rule.
"""

from shop.welfare.services import credit_on_line_status, credit_on_order_status, order_line_refund


def order_status_changed(sender, order, old_status, new_status, **kwargs):
    credit_on_order_status(order=order, new_status=new_status)


def order_line_status_changed(sender, line, old_status, new_status, **kwargs):
    credit_on_line_status(line=line, new_status=new_status)


def booking_refund_due(sender, line, reference, reason, by, **kwargs):
    """A booking ended unserved (shop.bookings.services.booking_refund_due): refund its line."""
    order_line_refund(line=line, reference=reference, reason=reason, by=by)


def connect_credit_version() -> None:
    """What the header's credit and the kept c.3 figures depend on besides the ledger
    (selectors.header_credit, selectors.fringe_status): wallets, plans (their dates), roster
    entries (employment dates, the user), employers (membership) and children declarations
    (the cap). Each save or deletion reads them again on the next page."""
    from django.apps import apps

    from shop.welfare.selectors import CREDIT_VERSION

    labels = (
        "welfare.Wallet",
        "welfare.CreditPlan",
        "welfare.ChildrenDeclaration",
        "eligibility.Employee",
        "eligibility.Employer",
    )
    CREDIT_VERSION.follow(*(apps.get_model(label) for label in labels))


def connect_categories_version() -> None:
    """What the credit's category rules depend on (allocation.CATEGORIES_VERSION): categories
    (their paths), products (a variant's parent), the products' categories and the plans'."""
    from django.apps import apps

    from shop.welfare.allocation import CATEGORIES_VERSION

    labels = ("catalogue.Category", "catalogue.Product", "catalogue.ProductCategory", "welfare.CreditPlan")
    CATEGORIES_VERSION.follow(*(apps.get_model(label) for label in labels))
    CATEGORIES_VERSION.follow_m2m(
        apps.get_model("catalogue.Product").categories.through,
        apps.get_model("welfare.CreditPlan").allowed_categories.through,
    )


def connect_payment_types_version() -> None:
    """The payment source and event types every order uses (services.PAYMENT_TYPES_VERSION)."""
    from django.apps import apps

    from shop.welfare.services import PAYMENT_TYPES_VERSION

    PAYMENT_TYPES_VERSION.follow(
        apps.get_model("payment.SourceType"), apps.get_model("order.PaymentEventType")
    )
