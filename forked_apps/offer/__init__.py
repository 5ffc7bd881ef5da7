default_app_config = "forked_apps.offer.apps.OfferConfig"
