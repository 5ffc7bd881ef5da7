from django.core.exceptions import PermissionDenied
from oscar.apps.dashboard.catalogue import bulk_actions

from shop.charter.selectors import user_may_publish_products


class MakeProductsPublicAction(bulk_actions.MakeProductsPublicAction):
    def execute(self, request, objects, form):
        if not user_may_publish_products(request.user):
            raise PermissionDenied
        return super().execute(request, objects, form)
