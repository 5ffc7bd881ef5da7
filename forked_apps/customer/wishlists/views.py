from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from oscar.apps.customer.wishlists import views
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


class WishListCreateView(views.WishListCreateView):
    def dispatch(self, request, *args, **kwargs):
        # Oscar redirects to "wishlists-create" without its namespace: a missing product
        # answered 500 (NoReverseMatch) instead of going back to the empty form.
        if "product_pk" in kwargs and not Product._default_manager.filter(pk=kwargs["product_pk"]).exists():
            messages.error(request, _("The requested product no longer exists"))
            return redirect("customer:wishlists-create")
        return super().dispatch(request, *args, **kwargs)
