"""The claims review in Oscar's dashboard menu (referenced from settings).

Imports of the app happen inside the function: settings import this module before apps are ready.
"""

from django.utils.translation import gettext_lazy as _

PERMISSION = "welfare.review_claim"


def reviewer_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    from shop.core.access import is_manager

    return is_manager(user) and user.has_perm(PERMISSION)


MENU = {
    "label": _("Welfare"),
    "icon": "fas fa-hand-holding-heart",
    "children": [
        {
            "label": _("Reimbursement claims"),
            "url_name": "welfare:claim-review-list",
            "access_fn": reviewer_access,
        },
    ],
}
