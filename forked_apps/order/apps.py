import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = 'forked_apps.order'
