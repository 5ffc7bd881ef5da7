from decimal import Decimal

from django.utils.translation import gettext
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.core.loading import get_model

from shop.bookings.choices import MAX_SESSIONS
from shop.charter.forms import PUBLISH_LOCKED_HELP
from shop.charter.selectors import user_may_publish_products
from shop.core.forms import MoneyField, QuantityField

StockRecord = get_model("partner", "StockRecord")


SERVICE_FIELDS = ("service_place", "session_count")


class ProductForm(oscar_forms.ProductForm):
    """Origin and production facts on the product form, and for services (types that keep no
    stock) where they take place and how many sessions they hold; publishing only for approved
    suppliers."""

    class Meta(oscar_forms.ProductForm.Meta):
        fields = oscar_forms.ProductForm.Meta.fields + [
            "origin",
            "production_method",
            "protected_work",
            *SERVICE_FIELDS,
        ]

    def __init__(self, product_class, *args, user=None, **kwargs):
        super().__init__(product_class, *args, **kwargs)
        if product_class is not None and product_class.track_stock:
            for name in SERVICE_FIELDS:
                self.fields.pop(name, None)
        if "session_count" in self.fields:
            field = self.fields["session_count"]
            sessions_range = gettext("A service holds from 1 to %(max)s sessions.") % {"max": MAX_SESSIONS}
            field.error_messages.update(min_value=sessions_range, max_value=sessions_range)
            field.widget.attrs.update(min=1, max=MAX_SESSIONS)
        if user is not None and "is_public" in self.fields and not user_may_publish_products(user):
            self.initial["is_public"] = False
            self.fields["is_public"].disabled = True
            self.fields["is_public"].help_text = PUBLISH_LOCKED_HELP


class StockRecordForm(oscar_forms.StockRecordForm):
    """Price and stock typed the Italian way ("9,50"), digits only (shop.core.forms)."""

    price = MoneyField(
        label=StockRecord._meta.get_field("price").verbose_name, min_value=Decimal("0.00"), required=False
    )
    num_in_stock = QuantityField(
        label=StockRecord._meta.get_field("num_in_stock").verbose_name, min_value=0, required=False
    )
