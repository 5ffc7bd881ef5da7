"""Basket fork: each line keeps the distance of its product from the buyer when it was added."""

from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.query import ModelIterable
from oscar.apps.basket.abstract_models import AbstractBasket, AbstractLine
from oscar.apps.basket.managers import OpenBasketManager

from forked_apps.lines import LineDistance, line_description, remember_pictures, remember_related
from shop.core.compiled import CompiledOnce
from shop.km0.selectors import purchase_distance


class OpenBaskets(OpenBasketManager):
    """Open baskets, read with whether they hold a line (an EXISTS in the same statement).

    Oscar's middleware reads the buyer's basket through ``Basket.open`` on every request and
    asks ``is_empty`` at once; most pages are seen with an empty basket, which then costs no
    second statement (``Basket.num_lines``).
    """

    def get_queryset(self):
        lines = self.model._meta.get_field("lines").related_model
        return super().get_queryset().annotate(had_lines=Exists(lines.objects.filter(basket=OuterRef("pk"))))

    def get_or_create(self, **kwargs):
        owner, found = kwargs.get("owner"), None
        if kwargs.keys() == {"owner"} and getattr(owner, "pk", None) is not None:
            # The buyer's open basket, asked on nearly every request of a signed-in buyer: read
            # with SQL compiled once. None: one is made (as Oscar's get_or_create would, without
            # reading again); several: Oscar's get_or_create raises and its middleware merges them.
            found = list(_OPEN_SQL.queryset(owner.pk))
            if len(found) == 1:
                return found[0], False
        if found == []:
            basket, created = self.create(status=self.status_filter, owner=owner), True
        else:
            basket, created = super().get_or_create(**kwargs)
        if created:
            basket.had_lines = False  # just made: no line to read (the buyer's first addition)
        return basket, created


class LinesWithoutAttributesKnown(ModelIterable):
    """Basket lines that have no options are given an empty ``attributes`` as they are read,
    so that the prefetch of the options skips them (and runs no query when no line has one)."""

    def __iter__(self):
        for line in super().__iter__():
            if not line.has_attributes:
                remember_related(line, "attributes")
            yield line


def basket_lines(basket_id: int):
    """The lines of basket ``basket_id`` with what pricing and showing them reads, in one
    statement.

    Oscar reads each line's product class (shipping) and stock record (strategy) one line at
    a time; read with the lines, a basket costs the same queries for 1 or 20 lines. A line's
    options (a booking's slot) are read only for the lines that have some."""
    attributes = Line.attributes.field.model.objects.filter(line=OuterRef("pk"))
    lines = (
        Line.objects.filter(basket_id=basket_id)
        .select_related(
            "product",
            "product__product_class",
            "product__parent__product_class",
            "product__origin",  # the distance an order line records
            "stockrecord__partner",  # priced from its own record (partner/strategy.py)
        )
        .annotate(has_attributes=Exists(attributes))
        .prefetch_related("attributes")
        .order_by("pk")
    )
    lines._iterable_class = LinesWithoutAttributesKnown
    return lines


# Read on most requests of a signed-in buyer: compiled to SQL once (shop/core/compiled.py).
_LINES_SQL = CompiledOnce("basket-lines", basket_lines)
_OPEN_SQL = CompiledOnce("open-basket", lambda owner_id: Basket.open.filter(owner_id=owner_id))


def prefetch_line_pictures(lines) -> None:
    """Basket lines' product pictures in one query (the basket page, the preview)."""
    remember_pictures(line.product for line in lines)


class Basket(AbstractBasket):
    # Redeclared so that ``objects`` stays the default manager before ``open``.
    objects = models.Manager()
    open = OpenBaskets()

    # Whether the basket held a line when ``Basket.open`` read it; None when not known.
    had_lines = None

    @property
    def num_lines(self):
        # Oscar counts with a query (the middleware asks ``is_empty`` on every request), then
        # loads the lines anyway for the mini basket, the offers and the basket page: load
        # them once and count those (none, and no statement, for a basket read empty).
        return len(self.all_lines())

    def product_quantity(self, product):
        # How many of ``product`` the basket holds, asked before an addition: counted on the
        # lines already read for this request (Oscar sums them in a query).
        lines = self._lines
        if lines is not None and getattr(lines, "_result_cache", None) is not None:
            return sum(line.quantity for line in lines if line.product_id == product.pk)
        return super().product_quantity(product)

    def reset_offer_applications(self):
        # Oscar calls it whenever the lines change (add_product, the basket page's formset).
        super().reset_offer_applications()
        self.had_lines = None

    def merge_line(self, line, add_quantities=True):
        self.had_lines = None
        return super().merge_line(line, add_quantities)

    def all_lines(self):
        if self._lines is None and self.had_lines is False:
            # Read empty by Basket.open, no line added since (adding one resets ``_lines``):
            # kept as a queryset known to be empty, so that counting it again, or Oscar's
            # offers and the mini basket going through it, compile no query.
            empty = self.lines.none()
            empty._result_cache = []
            self._lines = empty
            return empty
        # The pictures are read only by the pages that show them (``with_pictures``): most
        # requests that read the basket answer with a redirect or show the mini basket only.
        if self.id is not None and self._lines is None:
            # Each line knows this basket: no query for ``line.basket``, and this basket's
            # strategy prices the line.
            self._lines = _LINES_SQL.rows_of(self, type(self).lines.field, self.id)
        return super().all_lines()

    def with_pictures(self):
        """The lines' product pictures, read in one query for a page that shows the lines."""
        if self.id is not None:
            prefetch_line_pictures(self.all_lines())
        return self


class Line(AbstractLine, LineDistance):
    def save(self, *args, **kwargs):
        # A new line records where its product comes from and how far it travels to the
        # buyer, in its own INSERT (Oscar's add_product creates it through get_or_create).
        if self._state.adding and self.reference_municipality_id is None and self.product_id:
            where = purchase_distance(product=self.product, user=self.basket.owner)
            self.distance_km, self.origin = where.km, where.origin
            self.reference_municipality = where.reference
        super().save(*args, **kwargs)

    @property
    def description(self):
        return line_description(str(self.product), self.attributes.all())


from oscar.apps.basket.models import *  # noqa: E402,F403
