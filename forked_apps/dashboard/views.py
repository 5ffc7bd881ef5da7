from datetime import timedelta

from django.utils.timezone import now
from oscar.apps.dashboard import views

from shop.core.access import is_manager
from shop.marketplace.selectors import supplier_revenue


class IndexView(views.IndexView):
    def get_stats(self):
        # Oscar sums whole orders for a supplier too (other suppliers' sales): own lines only.
        # The hourly graph of whole orders is left empty.
        stats = super().get_stats()
        user = self.request.user
        if is_manager(user):
            return stats
        last_day = supplier_revenue(user=user, since=now() - timedelta(hours=24))
        orders_last_day = stats["total_orders_last_day"] or 1
        stats.update(
            total_revenue=supplier_revenue(user=user),
            total_revenue_last_day=last_day,
            average_order_costs=(last_day / orders_last_day).quantize(last_day),
            hourly_report_dict={"order_total_hourly": [], "max_revenue": 0, "y_range": []},
        )
        return stats
