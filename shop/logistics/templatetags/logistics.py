from django import template
from django.templatetags.static import static

from shop.logistics.selectors import box_for_buyer_order

register = template.Library()


@register.simple_tag
def static_logistics(name: str) -> str:
    return static(f"logistics/img/{name}")


@register.filter
def upto(quantity, cap: int):
    """range(min(quantity, cap)): as many pictures as the quantity, at most ``cap``."""
    try:
        return range(min(int(quantity), int(cap)))
    except (TypeError, ValueError):
        return range(0)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.inclusion_tag("logistics/_order_delivery.html", takes_context=True)
def order_delivery(context, order):
    """The delivery state of ``order`` for its buyer (nothing for anyone else)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"box": box_for_buyer_order(user=user, order=order)}
