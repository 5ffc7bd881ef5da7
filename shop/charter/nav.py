"""The charter's entries in Oscar's dashboard menu, and who sees them (used by settings).

Imports of models happen inside the functions: settings import this module before apps are ready.
"""

from django.utils.translation import gettext_lazy as _


def manager_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    from shop.core.access import is_manager

    return is_manager(user)


def supplier_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    from shop.core.access import is_supplier

    return not user.is_staff and is_supplier(user)


MENU = {
    "label": _("Ethical charter"),
    "icon": "fas fa-handshake",
    "children": [
        {"label": _("Applications"), "url_name": "charter:queue", "access_fn": manager_access},
        {"label": _("Suppliers by status"), "url_name": "charter:suppliers", "access_fn": manager_access},
        {"label": _("Charter versions"), "url_name": "charter:versions", "access_fn": manager_access},
        {"label": _("My ethical charter"), "url_name": "charter:mine", "access_fn": supplier_access},
    ],
}
