import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = "forked_apps.order"

    def ready(self):
        super().ready()
        from shop.core.analytics import analytics_counters_install

        # Counters of purchases, views and basket additions that survive two first-timers at once.
        analytics_counters_install()
