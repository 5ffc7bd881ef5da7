import oscar.apps.payment.apps as apps


class PaymentConfig(apps.PaymentConfig):
    name = "forked_apps.payment"
