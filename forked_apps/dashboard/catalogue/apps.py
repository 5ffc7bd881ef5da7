import oscar.apps.dashboard.catalogue.apps as apps

from forked_apps.dashboard.routes import with_int_pks


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    name = "forked_apps.dashboard.catalogue"

    def get_urls(self):
        return with_int_pks(super().get_urls())
