"""The reports in Oscar's dashboard menu (referenced from settings; imports stay inside functions)."""

from django.utils.translation import gettext_lazy as _


def manager_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    from shop.core.access import is_manager
    from shop.reports.views import PERMISSION

    return is_manager(user) and user.has_perm(PERMISSION)


MENU = {
    "label": _("Report"),
    "icon": "fas fa-chart-bar",
    "children": [
        # Oscar's own reports page, in the same menu: one "Report" menu, not two.
        {"label": _("Shop statistics"), "url_name": "dashboard:reports-index"},
        {"label": _("Manager's report"), "url_name": "reports:manager", "access_fn": manager_access},
        {"label": _("Funder report"), "url_name": "reports:funder", "access_fn": manager_access},
    ],
}
