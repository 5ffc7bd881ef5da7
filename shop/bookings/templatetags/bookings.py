from django import template

from shop.bookings.panel import panel_for_product, session_dates
from shop.bookings.selectors import bookings_for_buyer

register = template.Library()


@register.simple_tag(takes_context=True)
def booking_panel_for(context, product):
    """The booking panel of a bookable service (None for anything else)."""
    request = context.get("request")
    day = request.GET.get("giorno") if request is not None else None
    return panel_for_product(product=product, day=day, user=getattr(request, "user", None))


@register.filter
def slot_sessions(slot):
    return session_dates(slot)


@register.inclusion_tag("bookings/_order_bookings.html", takes_context=True)
def order_bookings(context, order):
    """The bookings of ``order`` for its buyer (nothing for anyone else)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return {"bookings": []}
    return {"bookings": list(bookings_for_buyer(user=user).filter(order_line__order=order))}
