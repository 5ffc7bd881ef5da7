default_app_config = "forked_apps.dashboard.apps.DashboardConfig"
