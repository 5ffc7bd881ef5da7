"""What basket and order lines share: how a line is named to people, and where its product came from.

The order line copies the basket line's distance at the time of purchase; reports compute the
km-0 share and the average distance from these figures, never from today's data.
"""

from collections import defaultdict

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from shop.core.compiled import CompiledOnce


class LineDistance(models.Model):
    """The distance of a line's product from the buyer, and the two places it was measured between."""

    distance_km = models.DecimalField(
        _("distance (km)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    origin = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("place of origin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reference_municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("distance measured from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The buyer's home (or the territory's centre) the distance was measured from."),
    )

    class Meta:
        abstract = True


def line_description(title: str, attributes) -> str:
    """E.g. "Visita nutrizionale — Prenotazione: PM7YHEVF · sab 5 dicembre, 10:00–11:00".

    Oscar writes ``Title (Prenotazione = 'PM7YHEVF · …')``, a programmer's notation; this is
    the one place both line models (basket and order) take their description from.
    """
    options = []
    for attribute in attributes:
        value = attribute.value
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        options.append(f"{attribute.option.name}: {value}")
    return " — ".join([str(title), *options])


def remember_related(instance, name: str, objects=()) -> None:
    """``instance.<name>.all()`` answered from memory with ``objects`` (added to those already
    remembered), as a prefetch would: for related rows just created or known to be none, so
    that reading them again costs no query. ``filter()`` and the like still query."""
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    if name not in cache:
        related = getattr(instance, name).all()  # a new queryset: nothing remembered yet
        related._result_cache, related._prefetch_done = [], True
        cache[name] = related
    cache[name]._result_cache.extend(objects)


# The pictures of n products, compiled to SQL once for each n (shop/core/compiled.py): the
# basket page, the preview and the thank-you page show each line's picture.
_PICTURES_SQL = CompiledOnce(
    "product-pictures",
    lambda *product_ids: apps.get_model("catalogue", "ProductImage")._default_manager.filter(
        product_id__in=product_ids
    ),
)


def remember_pictures(products) -> None:
    """Each product's ``images.all()`` read in one query, as ``prefetch_related("images")``
    would (in the pictures' own order); products already holding theirs are left alone."""
    waiting = defaultdict(list)
    for product in products:
        if product is not None and "images" not in getattr(product, "_prefetched_objects_cache", {}):
            waiting[product.pk].append(product)
    if not waiting:
        return
    found = defaultdict(list)
    for image in _PICTURES_SQL.queryset(*sorted(waiting)):
        found[image.product_id].append(image)
    for pk, same in waiting.items():
        for product in same:
            remember_related(product, "images", found[pk])
