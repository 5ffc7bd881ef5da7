default_app_config = "forked_apps.payment.apps.PaymentConfig"
