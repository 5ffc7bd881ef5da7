"""Household needs in Oscar's dashboard menu (referenced from settings).

Imports of the app happen inside the functions: settings import this module before apps are ready.
"""

from django.utils.translation import gettext_lazy as _


def manager_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    from shop.core.access import is_manager

    return is_manager(user) and user.has_perm("needs.view_coverage")


def taxonomy_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    from shop.core.access import is_manager

    return is_manager(user) and user.has_perm("needs.change_need")


def supplier_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    from shop.core.access import is_supplier

    return not user.is_staff and is_supplier(user)


MENU = {
    "label": _("Household needs"),
    "icon": "fas fa-hands-helping",
    "children": [
        {"label": _("Needs taxonomy"), "url_name": "needs:dashboard-needs", "access_fn": taxonomy_access},
        {
            "label": _("Coverage of needs"),
            "url_name": "needs:dashboard-coverage",
            "access_fn": manager_access,
        },
        {"label": _("Urgent requests"), "url_name": "needs:supplier-requests", "access_fn": supplier_access},
    ],
}
