default_app_config = "forked_apps.dashboard.partners.apps.PartnersDashboardConfig"
