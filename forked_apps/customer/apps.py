import oscar.apps.customer.apps as apps


class CustomerConfig(apps.CustomerConfig):
    name = "forked_apps.customer"

    def ready(self):
        super().ready()
        from shop.core.product_alerts import product_alerts_install

        product_alerts_install()  # "back in stock" emails after the commit, off the request
