default_app_config = "forked_apps.dashboard.orders.apps.OrdersDashboardConfig"
