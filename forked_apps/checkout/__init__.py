default_app_config = "forked_apps.checkout.apps.CheckoutConfig"
