"""Template tags for km 0: the distance badge and the distance filter controls."""

from django import template

from shop.km0 import maps, selectors
from shop.territory.maps import legend_swatch, render_map

register = template.Library()

FILTER_PARAMS = {"km", "sort_by", "reaches", "page"}


def request_reference(request):
    """The buyer's reference point for showing, read once per request (and kept across
    requests: ``selectors.shown_reference_point``)."""
    if request is None:
        return None
    if not hasattr(request, "_km0_reference"):
        request._km0_reference = selectors.shown_reference_point(user=request.user)
    return request._km0_reference


def _reference(context):
    """The buyer's reference point (listings put it in the context)."""
    if "km0_reference" in context:
        return context["km0_reference"]
    return request_reference(context.get("request"))


@register.inclusion_tag("km0/badge.html", takes_context=True)
def km0_badge(context, product):
    """Distance from the buyer (goods) or whether the service reaches the buyer's home (services)."""
    reference = _reference(context)
    result = {"reference": reference, "product": product, "km": None, "is_km0": False, "reaches": None}
    if reference is None or product is None:
        return result
    home = reference.municipality
    km = getattr(product, "distance_km", None)
    if km is None and not hasattr(product, "distance_km") and getattr(product, "origin_id", None):
        km = (
            selectors.purchase_distance(product=product, user=context["request"].user).km
            if "request" in context
            else None
        )
    result["km"] = km
    result["is_km0"] = selectors.is_km0(km=km)
    is_service = getattr(product, "is_service", None)
    if is_service is None:
        product_class = product.get_product_class()
        is_service = bool(product_class and not product_class.track_stock)
    if is_service and reference.is_home:
        reaches = getattr(product, "reaches_home", None)
        if reaches is None:
            reaches = any(
                selectors.partner_reaches(partner=record.partner, municipality=home)
                for record in product.stockrecords.all()
            )
        result["reaches"] = reaches
    result["is_service"] = is_service
    return result


@register.simple_tag(takes_context=True)
def km0_other_params(context):
    """The query parameters a distance form must carry along (search words, facets), as pairs."""
    request = context.get("request")
    if request is None:
        return []
    return [
        (key, value) for key, values in request.GET.lists() if key not in FILTER_PARAMS for value in values
    ]


@register.simple_tag(takes_context=True)
def km0_reference(context):
    return _reference(context)


@register.simple_tag
def km0_swatch(item, dom_id):
    return legend_swatch(item, dom_id)


@register.inclusion_tag("km0/supplier_map.html", takes_context=True)
def km0_supplier_map(context, partner):
    """A supplier's map, the list of what it serves and how far it is from the buyer."""
    if partner is None:
        return {"spec": None}
    spec = maps.supplier_map(partner=partner)
    reference = _reference(context)
    km = selectors.partner_distance_km(partner=partner, home=reference.municipality) if reference else None
    served = sorted(partner.served_municipalities.all(), key=lambda m: m.name)
    reaches = (
        reference is not None and reference.is_home and any(m.pk == reference.municipality.pk for m in served)
    )
    return {
        "spec": spec,
        "svg": render_map(spec),
        "served": served,
        "reference": reference,
        "km": km,
        "reaches": reaches,
        "partner": partner,
    }
