import oscar.apps.dashboard.orders.apps as apps

# A supplier opens the order list, an order and a line, scoped to its own lines by the
# views; statistics, notes and the shipping address are the manager's (shop.marketplace).
MANAGER_ONLY = ("order-stats", "order-detail-note", "order-shipping-address")


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    name = "forked_apps.dashboard.orders"

    def configure_permissions(self):
        super().configure_permissions()
        for view_name in MANAGER_ONLY:
            self.permissions_map[view_name] = self.permissions_map[view_name][:1]
