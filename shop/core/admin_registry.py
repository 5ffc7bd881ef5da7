"""Mends to the admin registrations of Oscar's models, applied once the admin has
discovered them (``CoreConfig.ready`` runs after ``django.contrib.admin``'s autodiscover)."""

from django.apps import apps
from django.contrib import admin

# Records that only the shop's own flows make: a basket line comes from the basket with its
# price, a vote from a customer on a review, a voucher application from a placed order, an
# address from its owner's address book, an offer's condition and benefit from the offer
# wizard of the dashboard, which picks their type. Oscar's admin "add" form for them saves
# a record without those parts and then fails (a database error, or an object that cannot
# even be named); the admin keeps viewing, changing and deleting them.
MADE_BY_THE_SHOP_ONLY = (
    ("address", "UserAddress"),
    ("basket", "Line"),
    ("offer", "Benefit"),
    ("offer", "Condition"),
    ("reviews", "Vote"),
    ("voucher", "VoucherApplication"),
)


def _no_add_permission(self, request, obj=None):
    return False


def refuse_hand_made_records(site: admin.AdminSite = admin.site) -> None:
    for app_label, model_name in MADE_BY_THE_SHOP_ONLY:
        model = apps.get_model(app_label, model_name)
        registered = site._registry.get(model)
        if registered is None:
            continue
        admin_class = type(registered)
        site.unregister(model)
        site.register(
            model,
            type(
                f"{admin_class.__name__}WithoutAdd",
                (admin_class,),
                {"has_add_permission": _no_add_permission},
            ),
        )
