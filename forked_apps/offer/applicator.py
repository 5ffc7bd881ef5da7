"""Oscar's offer applicator, without its queries when there is nothing to apply.

Oscar applies offers to the basket on every request (the basket middleware), again after
an add and twice on the basket page, each time reading the active site offers and the
basket's vouchers: four queries per basket page in a shop that runs no offers at all.

Here the site offers that could apply (open, with their start and end) and whether any
voucher exists are kept in the cache under the offers' version number (shop/core/cards.py),
which any save or delete of an offer, condition, benefit, range or voucher bumps, and
nothing else (an order, which saves stock, leaves it). When none of those offers is active
now and no voucher exists, nothing is read; otherwise Oscar's own queries run, so a
discount is always computed from the database. An offer whose start date passes needs no
save: the dates are checked here.
"""

from django.utils.timezone import now
from oscar.apps.offer import applicator
from oscar.core.loading import get_model

from shop.core.cards import OFFERS_VERSION, versioned_value
from shop.core.request_memo import RequestMemo

ConditionalOffer = get_model("offer", "ConditionalOffer")
Voucher = get_model("voucher", "Voucher")

OFFERS_KEY = "storefront:offers:{}.{}"
OFFERS_CACHE_SECONDS = 60 * 60


def offers_in_use() -> dict:
    """{"site": [(start, end), ...] of the open site offers, "vouchers": whether any exists}.

    Oscar asks four times on a basket page (site offers and vouchers, twice): the cache is
    read once per request and offers' version."""
    key = OFFERS_KEY.format(*OFFERS_VERSION.current())
    return _offers_memo.get(key, lambda: versioned_value(key, _offers_in_use, OFFERS_CACHE_SECONDS))


_offers_memo = RequestMemo("offers_in_use")


def _offers_in_use() -> dict:
    site = ConditionalOffer.objects.filter(offer_type=ConditionalOffer.SITE, status=ConditionalOffer.OPEN)
    return {
        "site": list(site.values_list("start_datetime", "end_datetime")),
        "vouchers": Voucher.objects.exists(),
    }


def _active(start, end, moment) -> bool:
    return (start is None or start <= moment) and (end is None or end >= moment)


class Applicator(applicator.Applicator):
    def get_site_offers(self):
        moment = now()
        if not any(_active(start, end, moment) for start, end in offers_in_use()["site"]):
            # A list, not ``objects.none()``: Oscar only iterates it, and an empty queryset
            # is still compiled (every column of an offer) before Django finds it empty.
            return []
        return super().get_site_offers()

    def get_basket_offers(self, basket, user):
        if not offers_in_use()["vouchers"]:
            return []
        return super().get_basket_offers(basket, user)
