from django.core.exceptions import PermissionDenied
from oscar.apps.dashboard.catalogue import views
from oscar.apps.dashboard.catalogue.mixins import PartnerProductFilterMixin

from shop.charter.selectors import user_may_publish_products


class ProductCreateUpdateView(views.ProductCreateUpdateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def post(self, request, *args, **kwargs):
        # The form disables the field; a crafted request is refused outright.
        if request.POST.get("is_public") and not user_may_publish_products(request.user):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)


class ProductLookupView(PartnerProductFilterMixin, views.ProductLookupView):
    def get_queryset(self):
        # Oscar's lookup lists every product's title; a supplier sees only its own.
        return self.filter_queryset(super().get_queryset())
