"""The migration that moves where and how many sessions from the calendars to the products keeps
every calendar's facts (bookings 0004), and can be reversed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("bookings", "0003_booking_manager_review"), ("catalogue", "0035_benefit_type_f_quater")]
AFTER = [("bookings", "0004_service_facts_on_product")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest(transactional_db):
    """Whatever happens, the schema is the latest one again for the tests that follow."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_calendar_facts_move_to_their_products_and_back(back_to_latest):
    apps = migrate(BEFORE)
    Partner = apps.get_model("partner", "Partner")
    ProductClass = apps.get_model("catalogue", "ProductClass")
    Product = apps.get_model("catalogue", "Product")
    StockRecord = apps.get_model("partner", "StockRecord")
    ServiceCalendar = apps.get_model("bookings", "ServiceCalendar")
    partner = Partner.objects.create(name="Fisio Sebino")
    other = Partner.objects.create(name="Altra Fisio")
    service = ProductClass.objects.create(name="Servizio", slug="servizio", track_stock=False)
    made = {}
    for title, calendars in [
        ("Ciclo di 10", [(partner, "seat", 10)]),
        ("A domicilio", [(partner, "home", 1)]),
        ("Due fornitori", [(partner, "home", 3), (other, "seat", 5)]),  # the oldest calendar wins
        ("Troppe", [(partner, "seat", 99)]),
    ]:
        product = Product.objects.create(
            title=title, slug=title.lower().replace(" ", "-"), product_class=service
        )
        for index, (seller, where, sessions) in enumerate(calendars):
            record = StockRecord.objects.create(
                product=product, partner=seller, partner_sku=f"{title}-{index}"
            )
            ServiceCalendar.objects.create(
                stockrecord=record, partner=seller, product=product, where=where, session_count=sessions
            )
        made[title] = product.pk
    uncalendared = Product.objects.create(title="Miele", slug="miele", product_class=service).pk

    apps = migrate(AFTER)
    Product = apps.get_model("catalogue", "Product")
    facts = {
        title: tuple(Product.objects.filter(pk=pk).values_list("service_place", "session_count").get())
        for title, pk in made.items()
    }
    assert facts == {
        "Ciclo di 10": ("seat", 10),
        "A domicilio": ("home", 1),
        "Due fornitori": ("home", 3),
        "Troppe": ("seat", 60),
    }
    assert Product.objects.filter(pk=uncalendared).values_list("service_place", "session_count").get() == (
        "seat",
        1,
    )

    apps = migrate(BEFORE)
    ServiceCalendar = apps.get_model("bookings", "ServiceCalendar")
    back = sorted(ServiceCalendar.objects.values_list("product__title", "where", "session_count"))
    assert back == [
        ("A domicilio", "home", 1),
        ("Ciclo di 10", "seat", 10),
        ("Due fornitori", "home", 3),
        ("Due fornitori", "home", 3),
        ("Troppe", "seat", 60),
    ]
