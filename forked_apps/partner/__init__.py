default_app_config = "forked_apps.partner.apps.PartnerConfig"
