"""The demo loader: one idempotent command that fills the shop with the territory's data.

``load_demo`` runs once for the module inside a transaction that is rolled back at the end,
so the rest of the suite still starts from an empty database.
"""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image
from stdnum.it import codicefiscale, iva

from shop.core.roles import Role
from shop.demo import catalogue_data
from shop.demo.loader import demo_counts
from shop.demo.logins import PASSWORD, STAFF_LOGINS, demo_employee
from shop.eligibility.models import Employee, Employer, HRContact
from shop.territory.models import Municipality
from shop.welfare.fiscal import BenefitType

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

SIX = [
    "Cura della persona",
    "Educazione e cura dei figli",
    "Prodotti Km 0",
    "Tempo libero e benessere",
    "Consumo sostenibile",
    "Salute e previdenza",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = io.StringIO()
            call_command("load_demo", stdout=out)
            yield {"media": media, "output": out.getvalue()}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def snapshot() -> dict:
    """Every row of the base demo data, as plain values, for comparing two loads."""
    models = [
        Municipality,
        Category,
        ProductClass,
        Product,
        StockRecord,
        ProductImage,
        Partner,
        Partner.served_municipalities.through,
        Product.categories.through,
        Employer,
        Employee,
        HRContact,
        get_user_model(),
        get_user_model().groups.through,
    ]
    return {model._meta.label: list(model._default_manager.order_by("pk").values()) for model in models}


def test_loading_twice_creates_and_changes_nothing(demo):
    before, counts_before = snapshot(), demo_counts()

    call_command("load_demo", stdout=io.StringIO())

    assert demo_counts() == counts_before
    after = snapshot()
    for label, rows in before.items():
        changes = [
            {key: (old[key], new[key]) for key in old if old[key] != new[key]}
            for old, new in zip(rows, after[label], strict=True)
            if old != new
        ]
        assert not changes, f"{label} changed on the second load: {changes[:3]}"


def test_summary_reports_the_counts(demo):
    assert f"{Product.objects.count()} products" in demo["output"]


def test_six_offer_categories_are_the_roots_in_order_with_subcategories(demo):
    roots = list(Category.get_root_nodes())

    assert [root.name for root in roots] == SIX
    for root, (_, _, children) in zip(roots, catalogue_data.CATEGORIES, strict=True):
        names = [child.name for child in root.get_children()]
        assert names == children
        assert 2 <= len(names) <= 4


def test_counts_reach_the_thresholds(demo):
    assert Municipality.objects.count() == 1503
    assert Municipality.objects.exclude(area="").count() == 32
    assert Partner.objects.count() >= 40
    assert Product.objects.filter(is_public=True).count() >= 300
    assert Employer.objects.count() == 8
    assert Employee.objects.count() == 150


def test_every_category_offers_products(demo):
    for name in SIX:
        root = Category.objects.get(depth=1, name=name)
        assert Product.objects.filter(categories__path__startswith=root.path).count() >= 20, name


def test_partite_iva_and_codici_fiscali_are_valid_and_unique(demo):
    supplier_vats = list(Partner.objects.values_list("vat_number", flat=True))
    employer_vats = list(Employer.objects.values_list("vat_number", flat=True))
    codes = list(Employee.objects.values_list("codice_fiscale", flat=True))

    assert all(iva.is_valid(number) for number in supplier_vats + employer_vats)
    assert len(set(supplier_vats + employer_vats)) == len(supplier_vats) + len(employer_vats)
    assert all(len(code) == 16 and codicefiscale.is_valid(code) for code in codes)
    assert len(set(codes)) == len(codes)


def test_codice_fiscale_embeds_a_real_birth_place(demo):
    cadastral = set(Municipality.objects.values_list("cadastral_code", flat=True))
    places = {code[11:15] for code in Employee.objects.values_list("codice_fiscale", flat=True)}

    assert places <= cadastral | {"Z100", "Z129", "Z138", "Z330", "Z343"}
    assert any(place.startswith("Z") for place in places)


def test_every_product_has_one_vat_included_eur_stockrecord_and_an_image(demo):
    products = Product.objects.prefetch_related("stockrecords", "images", "categories").select_related(
        "product_class"
    )
    for product in products:
        records = list(product.stockrecords.all())
        assert len(records) == 1
        record = records[0]
        assert record.price_currency == "EUR"
        assert isinstance(record.price, Decimal) and record.price > 0
        assert record.price == record.price.quantize(Decimal("0.01"))
        if product.product_class.track_stock:
            assert record.num_in_stock is not None
        assert len(product.images.all()) == 1
        assert len(product.categories.all()) == 1
        assert product.origin_id and product.vat_rate


def test_images_are_600px_jpegs_on_storage(demo):
    image = ProductImage.objects.order_by("pk").first()

    with Image.open(demo["media"] / image.original.name) as picture:
        assert picture.format == "JPEG"
        assert picture.size == (600, 600)


def test_prices_read_vat_included_through_the_strategy(demo):
    from oscar.core.loading import get_class

    strategy = get_class("partner.strategy", "Selector")().strategy()
    product = Product.objects.filter(vat_rate="22", product_class__name="Servizio").first()
    info = strategy.fetch_for_product(product)

    assert info.price.incl_tax == product.stockrecords.get().price
    assert info.price.excl_tax + info.price.tax == info.price.incl_tax


def test_product_classes_ship_goods_and_book_services(demo):
    shipped = ProductClass.objects.get(name="Prodotto spedito")
    boxed = ProductClass.objects.get(name="Prodotto in cassetta")
    service = ProductClass.objects.get(name="Servizio")

    assert (shipped.requires_shipping, shipped.track_stock, shipped.vat_rate) == (True, True, "22")
    assert boxed.requires_shipping and boxed.track_stock
    assert not service.requires_shipping and not service.track_stock
    assert set(Product.objects.filter(product_class=shipped).values_list("vat_rate", flat=True)) == {"22"}
    assert set(Product.objects.filter(product_class=boxed).values_list("vat_rate", flat=True)) == {"4", "10"}
    assert set(Product.objects.filter(product_class=service).values_list("vat_rate", flat=True)) == {
        "esente",
        "5",
        "22",
    }
    assert not StockRecord.objects.filter(product__product_class=service, num_in_stock__isnull=False).exists()


def test_benefit_types_follow_the_category(demo):
    def benefits(root):
        return set(
            Product.objects.filter(
                categories__path__startswith=Category.objects.get(depth=1, name=root).path
            ).values_list("benefit_type", flat=True)
        )

    assert benefits("Cura della persona") == {BenefitType.C2_F_TER}
    assert BenefitType.C2_F_BIS in benefits("Educazione e cura dei figli")
    assert benefits("Prodotti Km 0") == {BenefitType.C3_FRINGE}
    assert benefits("Tempo libero e benessere") == {BenefitType.C2_F}
    assert Product.objects.filter(protected_work=True).exists()


def test_suppliers_sit_in_real_municipalities_and_some_villages_are_reached_by_few(demo):
    assert not Partner.objects.filter(seat__isnull=True).exists()
    assert Partner.objects.filter(seat__province="BS").exists()
    assert not Partner.objects.filter(legal_name="").exists()
    assert not Partner.objects.filter(email="").exists()
    territory = Municipality.objects.exclude(area="")
    reach = {m.name: m.serving_suppliers.count() for m in territory}
    serving_all = [p for p in Partner.objects.all() if p.served_municipalities.count() == 32]

    assert serving_all and len(serving_all) < Partner.objects.exclude(served_municipalities=None).count()
    for village in ("Parzanica", "Vigolo", "Bianzano"):
        assert reach[village] < reach["Trescore Balneario"]


def test_employers_one_suspended_and_employees_mostly_live_in_the_territory(demo):
    assert Employer.objects.filter(status=Employer.Status.SUSPENDED).count() == 1
    assert Employer.objects.filter(status=Employer.Status.ACTIVE).count() == 7
    in_territory = Employee.objects.exclude(home_municipality__area="").count()
    assert in_territory >= 0.75 * Employee.objects.count()
    assert Employee.objects.filter(end_date__isnull=False).exists()
    assert not any(e.end_date <= e.start_date for e in Employee.objects.filter(end_date__isnull=False))


def test_site_is_named_for_the_demo(demo):
    from django.contrib.sites.models import Site

    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("127.0.0.1:8000", "AtC56W+")


@pytest.mark.parametrize(
    ("login", "role"),
    [(login.email, login.role) for login in STAFF_LOGINS],
)
def test_role_logins_can_log_in_with_their_group(demo, client, login, role):
    user = get_user_model().objects.get(email=login)

    assert client.login(username=login, password=PASSWORD)
    if role:
        assert list(user.groups.values_list("name", flat=True)) == [role]
    else:
        assert user.is_superuser


def test_employee_login_is_linked_to_a_current_roster_row(demo, client):
    employee = demo_employee()

    assert employee.user is not None
    assert employee.user.email == employee.work_email
    assert employee.end_date is None
    assert client.login(username=employee.work_email, password=PASSWORD)
    assert employee.user.groups.filter(name=Role.EMPLOYEE).exists()


def test_hr_contact_and_supplier_are_attached_to_their_organisations(demo):
    hr = get_user_model().objects.get(email="hr@atc56w.example")
    supplier = get_user_model().objects.get(email="fornitore@atc56w.example")

    assert HRContact.objects.filter(user=hr, employer__status=Employer.Status.ACTIVE).exists()
    assert Partner.objects.filter(users=supplier).count() == 1


@pytest.fixture
def pages(demo, settings):
    """Render pages with the demo's pictures and without a production static manifest."""
    settings.MEDIA_ROOT = demo["media"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def test_manager_reaches_the_dashboard_but_the_employee_does_not(demo, pages, client):
    client.login(username="gestore@atc56w.example", password=PASSWORD)
    for name in (
        "dashboard:index",
        "dashboard:catalogue-product-list",
        "dashboard:order-list",
        "dashboard:partner-list",
        "dashboard:catalogue-category-list",
    ):
        assert client.get(reverse(name)).status_code == 200, name

    client.logout()
    client.login(username=demo_employee().work_email, password=PASSWORD)
    assert client.get(reverse("dashboard:catalogue-product-list")).status_code in (302, 403)


def test_supplier_sees_only_its_own_products_in_the_dashboard(demo, pages, client):
    client.login(username="fornitore@atc56w.example", password=PASSWORD)
    partner = Partner.objects.get(users__email="fornitore@atc56w.example")

    response = client.get(reverse("dashboard:catalogue-product-list"))

    assert response.status_code == 200
    listed = {row.record.pk for row in response.context["products"].rows}
    assert listed == set(Product.objects.filter(stockrecords__partner=partner).values_list("pk", flat=True))


def test_the_demo_employee_has_booked_a_course_that_waits_for_the_supplier(demo):
    from shop.bookings.models import Booking
    from shop.demo.bookings import EMPLOYEE_BOOKING_ORDER
    from shop.demo.logins import SUPPLIER_PARTNER
    from shop.welfare.selectors import CREDIT_SOURCE_NAME

    user = demo_employee().user
    call_command("load_demo", stdout=io.StringIO())  # booked once, however many loads

    booking = Booking.objects.select_related("order_line__order", "partner").get(buyer=user)
    assert booking.status == Booking.Status.PENDING and booking.partner.name == SUPPLIER_PARTNER
    assert booking.sessions.count() == booking.product.session_count == 5
    order = booking.order_line.order
    assert order.number == EMPLOYEE_BOOKING_ORDER and order.user == user
    paid = {source.source_type.name: source.amount_allocated for source in order.sources.all()}
    assert sum(paid.values()) == order.total_incl_tax and paid[CREDIT_SOURCE_NAME] > 0


def test_one_box_is_packed_at_the_station_and_its_round_is_out_for_delivery(demo):
    from shop.logistics.models import Box, BoxItem, WorkSession
    from shop.logistics.selectors import rounds_for_delivery

    call_command("load_demo", stdout=io.StringIO())  # packed once, however many loads

    packed = Box.objects.exclude(status__in=[Box.Status.TO_PACK, Box.Status.PACKING])
    assert packed.count() == 1
    box = packed.get()
    assert box.status == Box.Status.PACKED and box.packed_at is not None
    assert set(box.items.values_list("status", "handled_by__code")) == {(BoxItem.Status.DONE, "T-01")}
    assert box.round in rounds_for_delivery(upcoming_only=True)
    assert Box.objects.filter(status=Box.Status.TO_PACK).exists()  # the station still has work
    session = WorkSession.objects.get()
    assert session.ended_at is not None and session.opened_by.email == "operatore.sfa@atc56w.example"
