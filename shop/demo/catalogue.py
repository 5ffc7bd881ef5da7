"""Demo catalogue: the six categories, product classes, suppliers and their offer."""

import functools
import random
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import slugify
from oscar.core.loading import get_model

from shop.demo import catalogue_data as data
from shop.demo.images import product_picture_ensure
from shop.demo.italian import partita_iva
from shop.demo.upsert import upsert
from shop.territory.distance import municipalities_distance_km
from shop.territory.models import Municipality

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

# Legal forms written before the name ("Azienda Agricola Cascina Cornale"); others go after.
PREFIX_FORMS = ("Azienda", "Associazione", "Organizzazione", "Fondazione", "Studio", "Centro")
# Villages under this population are left out of area-wide service rounds: few reach them.
SMALL_VILLAGE = 700


def categories_load() -> dict[tuple[str, str | None], object]:
    """The six roots in their order, each with its subcategories; returns them by (root, child)."""
    result = {}
    roots = []
    for name, description, children in data.CATEGORIES:
        root = Category.get_root_nodes().filter(name=name).first()
        if root is None:
            root = Category.add_root(name=name, description=description, is_public=True)
        elif root.description != description:
            root.description = description
            root.save(update_fields=["description"])
        roots.append(root)
        result[(name, None)] = root
        for child_name in children:
            child = root.get_children().filter(name=child_name).first()
            if child is None:
                child = root.add_child(name=child_name, is_public=True)
                root.refresh_from_db()
            result[(name, child_name)] = child
    # Keep the six in the Alliance's order even if a root was added by hand in between.
    ours = [r.pk for r in roots]
    current = [r.pk for r in Category.get_root_nodes() if r.pk in ours]
    if current != ours:
        for root in roots:
            root.refresh_from_db()
            root.move(Category.get_last_root_node(), pos="last-sibling")
        for node in result.values():
            node.refresh_from_db()
    return result


def product_classes_load() -> dict[str, object]:
    classes = {}
    for name, (requires_shipping, track_stock, vat) in data.PRODUCT_CLASSES.items():
        classes[name], _ = upsert(
            ProductClass,
            lookup={"name": name},
            values={"requires_shipping": requires_shipping, "track_stock": track_stock, "vat_rate": vat},
        )
    return classes


def _legal_name(spec: data.Supplier) -> str:
    if spec.legal_form.startswith(PREFIX_FORMS):
        return f"{spec.legal_form} {spec.name}"
    return f"{spec.name} {spec.legal_form}"


def _zone(seat: Municipality) -> str:
    if seat.area == "Val Cavallina":
        return "della Val Cavallina"
    if seat.area == "Basso Sebino":
        return "del Sebino"
    return f"di {seat.name}"


def _served(
    spec: data.Supplier, seat: Municipality, territory: list[Municipality], rng
) -> list[Municipality]:
    if spec.reach == "all":
        return territory
    nearest = sorted(territory, key=lambda m: (municipalities_distance_km(seat, m), m.pk))
    if spec.reach == "area":
        area = seat.area or nearest[0].area
        return [m for m in territory if m.area == area and m.population >= SMALL_VILLAGE]
    if spec.reach == "near":
        return nearest[: rng.randint(4, 7)]
    return []


def _price(base: str, factor: str, rng: random.Random, *, service: bool) -> Decimal:
    spread = Decimal(rng.randint(92, 112)) / 100
    amount = Decimal(base) * Decimal(factor) * spread
    step = Decimal("0.50") if service or amount >= 20 else Decimal("0.10")
    return ((amount / step).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * step).quantize(Decimal("0.01"))


def suppliers_and_products_load(*, rng: random.Random, categories: dict, classes: dict, stdout=None) -> dict:
    """Suppliers seated in real municipalities, each with 4-9 products, one stock record and one image."""
    by_name = {m.name: m for m in Municipality.objects.filter(province__in=["BG", "BS"])}
    territory = list(Municipality.objects.exclude(area="").order_by("istat_code"))
    counts = {"suppliers": 0, "products": 0, "images": 0}
    # Demo pictures show the pictogram the rules give each product (services: by category).
    from shop.demo.logistics import pictogram_rules_load

    pictogram_rules_load(categories=categories)
    pending = []
    used_vat = set()
    for index, spec in enumerate(data.SUPPLIERS, start=1):
        kind = data.KINDS[spec.kind]
        seat = by_name[spec.seat]
        vat = partita_iva(rng=rng, province=seat.province)
        while vat in used_vat:
            vat = partita_iva(rng=rng, province=seat.province)
        used_vat.add(vat)
        prefix = "035" if seat.province == "BG" else "030"
        phone = f"+39 {prefix} {rng.randint(100000, 999999)}"
        partner, _ = upsert(
            Partner,
            lookup={"name": spec.name},
            values={
                "legal_name": _legal_name(spec),
                "vat_number": vat,
                "seat_id": seat.pk,
                "phone": phone,
                "email": f"info@{slugify(spec.name)}.example",
                "description": f"{kind.description} Sede a {seat.name} ({seat.province}).",
                "production_notes": kind.production_notes,
            },
        )
        reaches_homes = kind.product_class == data.SERVICE or spec.reach
        served = _served(spec, seat, territory, rng) if reaches_homes else []
        if set(partner.served_municipalities.values_list("pk", flat=True)) != {m.pk for m in served}:
            partner.served_municipalities.set(served)
        counts["suppliers"] += 1

        combos = [(item, label, factor) for item in kind.items for label, factor in item.variants]
        chosen = sorted(rng.sample(range(len(combos)), min(len(combos), rng.randint(6, 9))))
        for position, combo_index in enumerate(chosen):
            item, label, factor = combos[combo_index]
            service = kind.product_class == data.SERVICE
            price = _price(item.price, factor, rng, service=service)
            stock = None if service else rng.randint(4, 120)
            pending.append(
                (
                    (position, index),
                    functools.partial(
                        _product_load,
                        partner=partner,
                        spec=spec,
                        kind=kind,
                        item=item,
                        label=label,
                        seat=seat,
                        upc=f"ATC{index:02d}{combo_index:03d}",
                        sku=f"{slugify(spec.name)[:20].upper()}-{combo_index:03d}",
                        category=categories[(kind.category, item.subcategory)],
                        product_class=classes[kind.product_class],
                        price=price,
                        stock=stock,
                    ),
                )
            )
    # Created round-robin across suppliers, so "newest first" listings mix the six categories.
    for _key, load in sorted(pending, key=lambda entry: entry[0]):
        counts["images"] += load()
        counts["products"] += 1
    return counts


def _product_load(
    *, partner, spec, kind, item, label, seat, upc, sku, category, product_class, price, stock
) -> int:
    title = item.title.format(place=seat.name, zone=_zone(seat))
    if label:
        title = f"{title} — {label}"
    description = (
        f"<p>{item.description}</p>"
        f"<p>Proposto da {partner.name}, {seat.name} ({seat.province}). {kind.production_notes}</p>"
    )
    product, _ = upsert(
        Product,
        lookup={"upc": upc},
        values={
            "title": title,
            "description": description,
            "product_class_id": product_class.pk,
            "structure": Product.STANDALONE,
            "is_public": True,
            "origin_id": seat.pk,
            "production_method": kind.method,
            "protected_work": spec.protected_work,
            "vat_rate": item.vat or kind.vat,
            "benefit_type": item.benefit or kind.benefit,
        },
    )
    if list(product.categories.values_list("pk", flat=True)) != [category.pk]:
        product.categories.set([category])
    upsert(
        StockRecord,
        lookup={"partner_id": partner.pk, "partner_sku": sku},
        values={"product_id": product.pk, "price": price, "price_currency": "EUR"},
        initial={"num_in_stock": stock},
    )
    return product_picture_ensure(
        product=product, stem=upc.lower(), category=kind.category, caption=partner.name
    )
