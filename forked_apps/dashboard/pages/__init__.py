default_app_config = "forked_apps.dashboard.pages.apps.PagesDashboardConfig"
