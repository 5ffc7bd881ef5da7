from django.urls import reverse
from django.utils.http import urlencode
from oscar.apps.checkout import exceptions, session

from shop.bookings.checkout import checkout_check_bookings
from shop.core.countries import with_shipping_country
from shop.eligibility.exceptions import PurchaseNotAllowed
from shop.eligibility.selectors import purchase_mode_for


class CheckoutSessionMixin(session.CheckoutSessionMixin):
    def get_pre_conditions(self, request):
        return ["check_user_may_buy", *super().get_pre_conditions(request)]

    def check_pre_conditions(self, request):
        # PaymentDetailsView in preview mode (the place-order POST) builds its own list
        # without super(): who may buy is checked again at order placement all the same.
        if "check_user_may_buy" not in self.get_pre_conditions(request):
            self.check_user_may_buy(request)
        super().check_pre_conditions(request)

    def get_shipping_address(self, basket):
        # Built anew from the session on each call (three or four a request): its country is
        # taken from the kept shipping countries rather than read again.
        return with_shipping_country(super().get_shipping_address(basket))

    def check_user_may_buy(self, request):
        try:
            purchase_mode_for(user=request.user)
        except PurchaseNotAllowed as exc:
            if request.user.is_authenticated:
                url = reverse("basket:summary")
            else:
                url = reverse("customer:login") + "?" + urlencode({"next": reverse("checkout:index")})
            raise exceptions.FailedPreCondition(url=url, message=str(exc)) from exc

    def check_basket_is_valid(self, request):
        # Booked services: each slot still held (or taken again) before checkout goes on.
        super().check_basket_is_valid(request)
        message = checkout_check_bookings(basket=request.basket)
        if message:
            raise exceptions.FailedPreCondition(url=reverse("basket:summary"), message=message)
