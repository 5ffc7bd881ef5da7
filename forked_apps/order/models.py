"""Order fork: each line keeps the distance of its product from the buyer at the time of purchase."""

from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder, AbstractOrderDiscount

from forked_apps.lines import LineDistance, line_description


class Order(AbstractOrder):
    # Oscar filters the order's discounts by category in one query each, and its totals ask
    # for the three kinds: the pages that show them read the discounts once (prefetched) and
    # each kind is picked from those.
    def discounts_of(self, category) -> list:
        return [discount for discount in self.discounts.all() if discount.category == category]

    @property
    def basket_discounts(self):
        return self.discounts_of(AbstractOrderDiscount.BASKET)

    @property
    def shipping_discounts(self):
        return self.discounts_of(AbstractOrderDiscount.SHIPPING)

    @property
    def post_order_actions(self):
        return self.discounts_of(AbstractOrderDiscount.DEFERRED)


class Line(AbstractLine, LineDistance):
    @property
    def description(self):
        return line_description(self.title, self.attributes.all())


from oscar.apps.order.models import *  # noqa: E402,F403
