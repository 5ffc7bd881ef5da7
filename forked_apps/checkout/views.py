from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.urls import reverse
from django.utils.translation import get_language
from oscar.apps.checkout import views
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.payment.exceptions import UnableToTakePayment
from oscar.core.loading import get_class, get_model

from forked_apps.checkout.emails import send_order_placed_email
from forked_apps.lines import remember_pictures, remember_related
from shop.core.compiled import CompiledOnce
from shop.core.tasks import after_commit
from shop.welfare.checkout import (
    checkout_credit_context,
    checkout_credit_form,
    checkout_reserve_credit,
    checkout_take_payment,
)
from shop.welfare.exceptions import WelfareError
from shop.welfare.services import payment_event_type_for

Repository = get_class("shipping.repository", "Repository")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
Source = get_model("payment", "Source")
OrderDiscount = get_model("order", "OrderDiscount")
Surcharge = get_model("order", "Surcharge")
PaymentEvent = get_model("order", "PaymentEvent")


class ShippingAddressView(views.ShippingAddressView):
    def get_success_url(self):
        """Straight on to the payment details when the address leaves one shipping method.

        Oscar's shipping-method step would choose that method and redirect, and its
        payment-method step only redirects: two requests, each loading the basket, saved.
        With several methods the buyer still chooses on the shipping-method page.
        """
        basket = self.request.basket
        methods = Repository().get_shipping_methods(
            basket=basket,
            user=self.request.user,
            shipping_addr=self.get_shipping_address(basket),
            request=self.request,
        )
        if len(methods) == 1:
            self.checkout_session.use_shipping_method(methods[0].code)
            return reverse("checkout:payment-details")
        return super().get_success_url()


class PaymentDetailsView(views.PaymentDetailsView):
    """Welfare credit first, the rest paid at the door; the rules live in shop.welfare."""

    template_name = "welfare/checkout/payment_details.html"
    template_name_preview = "welfare/checkout/preview.html"
    _welfare_payment = None
    _credit_offer = None  # the posted form's, shown again by the page that answers it

    def get_context_data(self, **kwargs):
        if self.preview:
            self.request.basket.with_pictures()  # the preview shows each line's picture
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            checkout_credit_context(
                user=self.request.user,
                basket=self.request.basket,
                submission=ctx,
                offer=self._credit_offer,
            )
        )
        return ctx

    def handle_payment_details_submission(self, request):
        form = checkout_credit_form(user=request.user, basket=request.basket, data=request.POST)
        self._credit_offer = form.offer
        if not form.is_valid():
            return self.render_payment_details(request, credit_form=form)
        self.checkout_session.pay_with_credit(
            credit=form.cleaned_data["credit"],
            rest_method=form.cleaned_data["rest_method"],
            fringe_choice=form.cleaned_data.get("fringe_choice") or "",
        )
        return self.render_preview(request)

    def build_submission(self, **kwargs):
        submission = super().build_submission(**kwargs)
        submission["payment_kwargs"].update(self.checkout_session.credit_payment())
        return submission

    def handle_payment(
        self, order_number, total, credit=None, rest_method="pos", fringe_choice=None, **kwargs
    ):
        try:
            self._welfare_payment = checkout_take_payment(
                user=self.request.user,
                basket=self.request.basket,
                order_number=order_number,
                total=total.incl_tax,
                credit=None if credit is None else Decimal(credit),
                rest_method=rest_method,
                fringe_choice=fringe_choice,
            )
        except WelfareError as exc:
            raise UnableToTakePayment(str(exc)) from exc
        for source in self._welfare_payment.sources:
            self.add_payment_source(source)
        for name, amount, reference in self._welfare_payment.events:
            self.add_payment_event(name, amount, reference=reference)

    def add_payment_event(self, event_type_name, amount, reference=""):
        # Oscar's reads the event type by name on every order: kept (shop.welfare.services).
        if self._payment_events is None:
            self._payment_events = []
        event_type = payment_event_type_for(event_type_name)
        self._payment_events.append(PaymentEvent(event_type=event_type, amount=amount, reference=reference))

    def send_order_placed_email(self, order):
        # Rendered and sent once the order has committed, off the request (never while the
        # wallet rows and the delivery round are locked): forked_apps/checkout/emails.py.
        after_commit(send_order_placed_email, order.pk, get_language())

    def place_order(self, **kwargs):
        # Order lines and credit reservations are written together or not at all.
        with transaction.atomic():
            order = super().place_order(**kwargs)
            try:
                checkout_reserve_credit(
                    order=order, basket=kwargs["basket"], payment=self._welfare_payment, by=self.request.user
                )
            except WelfareError as exc:
                raise UnableToPlaceOrder(str(exc)) from exc
        return order


def _thank_you_lines(order_id):
    attributes = Line.attributes.field.model._default_manager.filter(line=OuterRef("pk"))
    lines = Line._default_manager.select_related("product").filter(order_id=order_id)
    return lines.annotate(has_attributes=Exists(attributes))


# The thank-you page's reads of the order just placed, compiled to SQL once (shop/core/compiled.py).
_ORDER_SQL = CompiledOnce(
    "thank-you-order",
    lambda pk: Order._default_manager.select_related("shipping_address__country").filter(pk=pk),
)
_RELATED_SQL = {
    "sources": CompiledOnce(
        "thank-you-sources",
        lambda order_id: Source._default_manager.select_related("source_type").filter(order_id=order_id),
    ),
    "lines": CompiledOnce("thank-you-lines", _thank_you_lines),
    "discounts": CompiledOnce(
        "thank-you-discounts", lambda order_id: OrderDiscount._default_manager.filter(order_id=order_id)
    ),
    "surcharges": CompiledOnce(
        "thank-you-surcharges", lambda order_id: Surcharge._default_manager.filter(order_id=order_id)
    ),
}


class ThankYouView(views.ThankYouView):
    def get_object(self, queryset=None):
        # The page lists the sources twice (payment, what each kept), the lines twice (items
        # with their pictures and options, art. 51 treatment) and the discounts three times
        # (basket, shipping, deferred): each read once, with SQL compiled once.
        # The delivery address (with its country) comes with the order, and the buyer is the
        # one signed in.
        order_id = self.request.session.get("checkout_order_id")
        if self.request.user.is_superuser or order_id is None:
            order = super().get_object(queryset)  # Oscar's: a superuser may ask for any order
        else:
            order = _ORDER_SQL.first(order_id)
        if order is not None:
            if order.user_id is not None and order.user_id == self.request.user.pk:
                order.user = self.request.user
            for name, sql in _RELATED_SQL.items():
                related = list(sql.queryset(order.pk))
                for row in related:
                    row.order = order
                remember_related(order, name, related)
            lines = order.lines.all()
            remember_pictures(line.product for line in lines)
            for line in lines:
                if not line.has_attributes:
                    remember_related(line, "attributes")  # none: their prefetch asks nothing
            prefetch_related_objects([line for line in lines if line.has_attributes], "attributes")
        return order
