default_app_config = "forked_apps.order.apps.OrderConfig"
