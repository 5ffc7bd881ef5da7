import functools

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from oscar.core.loading import get_class, get_model

from shop.core.cards import CacheVersion, versioned_value

Notification = get_model("communication", "Notification")
# Every notification is written with save() or deleted one by one (Oscar's views and
# Dispatcher): post_save / post_delete bump this version (shop/core/apps.py).
NOTIFICATIONS_VERSION = CacheVersion("notifications:version", "notifications-cache.stamp")
NOTIFICATIONS_SECONDS = 10 * 60


def shop(request):
    """Values every storefront template needs: the languages offered and the km-0 radius."""
    return {
        "shop_languages": settings.LANGUAGES,
        "km0_radius_km": settings.SHOP_KM0_RADIUS_KM,
    }


def search_form(request):
    """Oscar's ``search_form``, made on first use: the header's search box is plain markup
    (templates/oscar/partials/search.html), and only a list page's sort form falls back on
    it; other pages no longer build a form they do not show."""
    return {"search_form": SimpleLazyObject(lambda: get_class("search.forms", "SearchForm")(request.GET))}


def notifications(request):
    """Oscar's ``num_unread_notifications`` for the account menu, kept in the cache per user.

    A callable, which templates call on first use (a page showing the buyer's kept account
    bar asks nothing), once per request at most."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}

    @functools.cache
    def unread():
        key = f"notifications:unread:{user.pk}:{NOTIFICATIONS_VERSION.tag()}"
        return versioned_value(
            key, Notification.objects.filter(recipient=user, date_read=None).count, NOTIFICATIONS_SECONDS
        )

    return {"num_unread_notifications": unread}
