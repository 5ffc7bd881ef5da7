"""The territory maps in Oscar's dashboard menu (referenced from settings).

Imports of the app happen inside the function: settings import this module before apps are ready.
"""

from django.utils.translation import gettext_lazy as _


def manager_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    from shop.core.access import is_manager
    from shop.km0.views import PERMISSION

    return is_manager(user) and user.has_perm(PERMISSION)


MENU = {
    "label": _("Territory"),
    "icon": "fas fa-map",
    "children": [
        {"label": _("Offer coverage"), "url_name": "km0:coverage-map", "access_fn": manager_access},
        {"label": _("Km-0 share of spending"), "url_name": "km0:share-map", "access_fn": manager_access},
    ],
}
