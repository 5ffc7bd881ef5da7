from django.conf import settings


def shop(request):
    """Values every storefront template needs: the languages offered and the km-0 radius."""
    return {
        "shop_languages": settings.LANGUAGES,
        "km0_radius_km": settings.SHOP_KM0_RADIUS_KM,
    }
