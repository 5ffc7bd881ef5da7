import oscar.apps.dashboard.pages.apps as apps

from forked_apps.dashboard.routes import with_int_pks


class PagesDashboardConfig(apps.PagesDashboardConfig):
    name = "forked_apps.dashboard.pages"

    def get_urls(self):
        return with_int_pks(super().get_urls())
