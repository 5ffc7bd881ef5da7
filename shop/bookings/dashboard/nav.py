"""Bookings in Oscar's dashboard menu (referenced from settings).

Imports of the app happen inside the function: settings import this module before apps are ready.
"""

from django.utils.translation import gettext_lazy as _


def dashboard_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    from shop.bookings.dashboard.selectors import may_use_bookings_dashboard

    return may_use_bookings_dashboard(user)


MENU = {
    "label": _("Bookings"),
    "icon": "fas fa-calendar-check",
    "children": [
        {
            "label": _("Bookings to answer"),
            "url_name": "bookings-dashboard:inbox",
            "access_fn": dashboard_access,
        },
        {
            "label": _("Service calendars"),
            "url_name": "bookings-dashboard:calendars",
            "access_fn": dashboard_access,
        },
        {
            "label": _("Local feast days"),
            "url_name": "bookings-dashboard:feast-days",
            "access_fn": dashboard_access,
        },
    ],
}
