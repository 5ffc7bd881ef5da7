"""Demo logistics: three delivery zones, trainee codes, easy names for boxed goods, and a round
with a few boxes from demo orders, closed so that the packing station has work; one box is
packed by trainee T-01 through the station's own steps, so a round is out for delivery."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from shop.core.roles import Role
from shop.demo.catalogue_data import BOXED
from shop.demo.logins import STAFF_LOGINS, demo_employee
from shop.eligibility.models import Employee
from shop.logistics.models import Box, BoxItem, ItemGuide, PictogramRule, Round, TraineeCode, Zone
from shop.logistics.services import (
    box_assign,
    box_finish,
    box_take_next,
    item_mark,
    round_close,
    trainee_code_create,
    work_session_close,
    work_session_open,
)
from shop.territory.models import Municipality
from shop.welfare.gateways import PayOnDelivery
from shop.welfare.services import source_type_for

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
ShippingAddress = get_model("order", "ShippingAddress")
Selector = get_class("partner.strategy", "Selector")
Source = get_model("payment", "Source")
User = get_user_model()
OPERATOR_EMAIL = next(login.email for login in STAFF_LOGINS if login.role == Role.SFA_OPERATOR)
SourceType = get_model("payment", "SourceType")

# ISTAT codes: the valley north of Casazza, the lower valley around the hub, the lake shore.
ZONES = {
    "Val Cavallina nord": [
        "016026",
        "016032",
        "016058",
        "016093",
        "016110",
        "016119",
        "016130",
        "016137",
        "016179",
        "016205",
        "016236",
    ],
    "Val Cavallina sud": [
        "016025",
        "016055",
        "016068",
        "016069",
        "016094",
        "016114",
        "016189",
        "016218",
        "016244",
    ],
    "Basso Sebino": [
        "016001",
        "016002",
        "016088",
        "016104",
        "016109",
        "016159",
        "016174",
        "016193",
        "016211",
        "016235",
        "016237",
        "016242",
    ],
}
TRAINEE_CODES = ["T-01", "T-02", "T-03", "T-04"]
# The demo catalogue's UPCs (shop.demo.catalogue).
DEMO_UPC_PREFIX = "ATC"
# Word in the title -> easy-to-read name (the pictogram comes from the pictogram rules).
EASY_NAMES = [
    ("verdura", "Verdura"),
    ("mele", "Mele"),
    ("patate", "Patate"),
    ("zucche", "Zucche"),
    ("frutti", "Frutti di bosco"),
    ("uova", "Uova"),
    ("farina", "Farina"),
    ("pane", "Pane"),
    ("pasta", "Pasta"),
    ("miele", "Miele"),
    ("marmellata", "Marmellata"),
    ("confettura", "Marmellata"),
    ("formagg", "Formaggio"),
    ("stracchino", "Stracchino"),
    ("burro", "Burro"),
    ("latte", "Latte"),
    ("salame", "Salame"),
    ("vino", "Vino"),
    ("olio", "Olio"),
    ("succo", "Succo"),
]
# Pictograms by category, tried after the title words of migration 0003 (root or subcategory).
CATEGORY_PICTOGRAMS = [
    ("Riparazioni e riuso", "repair"),
    ("Cura della persona", "care"),
    ("Educazione e cura dei figli", "children"),
    ("Tempo libero e benessere", "leisure"),
    ("Salute e previdenza", "health"),
    ("Consumo sostenibile", "recycle"),
]
DEMO_ORDERS_PER_ZONE = 3


def _easy_name(title: str) -> str:
    lowered = title.lower()
    return next((name for word, name in EASY_NAMES if word in lowered), "")


def pictogram_rules_load(*, categories: dict) -> None:
    """Category rules for the demo catalogue; demo products follow the rules, not a pictogram of their own."""
    by_name = {category.name: category for category in categories.values()}
    for position, (name, key) in enumerate(CATEGORY_PICTOGRAMS, start=1):
        if name in by_name:
            PictogramRule.objects.update_or_create(
                category=by_name[name],
                title_word="",
                product_class=None,
                defaults={"pictogram": key, "position": 1000 + position * 10},
            )
    ItemGuide.objects.filter(product__upc__startswith=DEMO_UPC_PREFIX).exclude(pictogram="").update(
        pictogram=""
    )


def _order(*, number: str, employee: Employee, products: list, rng) -> None:
    if Order._default_manager.filter(number=number).exists():
        return
    from oscar.test.factories import create_order

    user = employee.user
    basket = Basket.objects.create(owner=user) if user else Basket.objects.create()
    basket.strategy = Selector().strategy(user=user)
    for product in products:
        basket.add_product(product, rng.choice([1, 1, 2, 3]))
    if basket.is_empty:
        return
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="IT",
        defaults={"name": "Italia", "printable_name": "Italia", "is_shipping_country": True},
    )
    address = ShippingAddress.objects.create(
        first_name=employee.first_name,
        last_name=employee.last_name,
        line1=f"Via Roma {rng.randint(1, 60)}",
        line4=employee.home_municipality.name,
        postcode="24069",
        country=country,
    )
    order = create_order(
        number=number,
        basket=basket,
        user=user,
        shipping_address=address,
        guest_email="" if user else employee.work_email,
    )
    # Paid at the door, as a checkout without credit records it (every order is paid exactly).
    Source.objects.create(
        order=order,
        source_type=source_type_for(PayOnDelivery.source_name),
        amount_allocated=order.total_incl_tax,
    )


def load(*, stdout, rng) -> None:
    for name, codes in ZONES.items():
        zone, _created = Zone.objects.get_or_create(name=name)
        zone.municipalities.set(Municipality.objects.filter(pk__in=codes))
    for code in TRAINEE_CODES:
        if not TraineeCode.objects.filter(code=code).exists():
            trainee_code_create(code=code)
    boxed = list(
        Product._default_manager.filter(product_class__name=BOXED, stockrecords__isnull=False)
        .distinct()
        .order_by("pk")
    )
    for product in boxed:
        ItemGuide.objects.update_or_create(product=product, defaults={"easy_name": _easy_name(product.title)})
    # The demo employee, then a few colleagues per zone (without a login they order as guests).
    first = demo_employee()
    buyers = [first] if first is not None and first.user_id else []
    for zone in Zone.objects.order_by("name"):
        buyers += list(
            Employee.objects.filter(end_date__isnull=True, home_municipality__delivery_zones=zone)
            .exclude(pk=getattr(first, "pk", None))
            .order_by("codice_fiscale")[:DEMO_ORDERS_PER_ZONE]
        )
    if len(boxed) >= 3:
        for index, employee in enumerate(buyers, start=1):
            _order(number=f"LOG-DEMO-{index:03d}", employee=employee, products=rng.sample(boxed, 3), rng=rng)
    # Orders placed by earlier demos (before the zones existed) get their boxes now.
    recent = timezone.now() - datetime.timedelta(days=14)
    for order in Order._default_manager.filter(date_placed__gte=recent, delivery_box__isnull=True).order_by(
        "pk"
    ):
        box_assign(order=order, placed_at=timezone.now())
    # The demo rounds are closed, so the packing station has boxes to pack at once.
    for round_ in Round.objects.filter(
        boxes__order__date_placed__gte=recent, status=Round.Status.OPEN
    ).distinct():
        round_close(round=round_)
    packed = _one_box_packed()
    stdout.write(
        f"Logistics: {Zone.objects.count()} zones, {TraineeCode.objects.count()} trainee codes, "
        f"{Box.objects.count()} boxes in {Round.objects.count()} rounds"
        f"{', box ' + str(packed.pk) + ' packed for delivery' if packed else ''}."
    )


def _one_box_packed() -> Box | None:
    """Trainee T-01 packs the first box waiting, as at the station: a work session opened by the
    SFA operator, every item put in, the box closed. Its round is then out for delivery. Once:
    nothing happens when a box is already packed or delivered."""
    if Box.objects.exclude(status__in=[Box.Status.TO_PACK, Box.Status.PACKING]).exists():
        return None
    trainee = TraineeCode.objects.filter(code=TRAINEE_CODES[0], is_active=True).first()
    operator = User.objects.filter(email=OPERATOR_EMAIL).first()
    waiting = Box.objects.filter(
        status=Box.Status.TO_PACK, round__status__in=[Round.Status.CLOSED, Round.Status.PACKING]
    )
    if trainee is None or not waiting.exists():
        return None
    session = work_session_open(trainee=trainee, by=operator)
    box = box_take_next(session=session)
    if box is not None:
        for item_id in box.items.filter(status=BoxItem.Status.TO_DO).values_list("pk", flat=True):
            item_mark(session=session, item_id=item_id, status=BoxItem.Status.DONE)
        box = box_finish(session=session, box_id=box.pk, by=operator)
    work_session_close(session=session)
    return box
