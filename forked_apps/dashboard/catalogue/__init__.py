default_app_config = "forked_apps.dashboard.catalogue.apps.CatalogueDashboardConfig"
