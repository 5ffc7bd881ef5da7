from django import template

from shop.bookings.panel import panel_for_product, session_dates

register = template.Library()


@register.simple_tag(takes_context=True)
def booking_panel_for(context, product):
    """The booking panel of a bookable service (None for anything else)."""
    request = context.get("request")
    day = request.GET.get("giorno") if request is not None else None
    return panel_for_product(product=product, day=day)


@register.filter
def slot_sessions(slot):
    return session_dates(slot)
