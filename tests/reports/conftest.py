"""A small hand-made year of activity whose figures are known (see ``dataset`` for the answers).

Employer A (Val Cavallina) has six employees living in Grone; employer B (Basso Sebino) two
living in Sarnico. Radius of km 0: 70 km.

====== ========================== ======== ====== =========== ===============================
buyer  product (category)          price    km     home        notes
====== ========================== ======== ====== =========== ===============================
a1..a5 honey (Alimentari)          10.00    5.0    Grone       paid with credit; a1..a5 spent
a6     home care (Servizi)         40.00    100.0  Grone       paid with credit, still reserved
b1     honey (Alimentari)          10.00    20.0   Sarnico
b2     home care (Servizi)         40.00    —      Sarnico     distance unknown
a1     home care (Servizi)         40.00    5.0    Grone       cancelled: never counted
b1     home care (Servizi)         40.00    5.0    Sarnico     placed last year (before period)
====== ========================== ======== ====== =========== ===============================
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from shop.logistics.models import Box, Round, TraineeCode, WorkSession, Zone
from shop.needs.models import Need
from shop.welfare.services import credit_expire, credit_spend_for_order
from tests.factories import MunicipalityFactory, ProductClassFactory
from tests.factories.eligibility import EmployeeFactory, EmployerFactory, UserFactory, make_hr_contact
from tests.factories.welfare import basket_with, funded_plan, order_with_credit, product_in

Line = get_model("order", "Line")
Order = get_model("order", "Order")
Category = get_model("catalogue", "Category")

TODAY = timezone.localdate()
PERIOD_START = datetime.date(TODAY.year, 1, 1)


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SHOP_KM0_RADIUS_KM = 70


def _fix_line(order, *, km, home, price):
    line = order.lines.get()
    Line.objects.filter(pk=line.pk).update(
        distance_km=None if km is None else Decimal(km),
        reference_municipality=home,
        line_price_incl_tax=Decimal(price),
    )


def _plain_order(*, user, product, km, home, price):
    order = create_order(basket=basket_with(user=user, lines=[(product, 1)]), user=user)
    _fix_line(order, km=km, home=home, price=price)
    return order


@pytest.fixture
def dataset(db):
    grone = MunicipalityFactory(
        istat_code="016119", name="Grone", area="Val Cavallina", cadastral_code="E189"
    )
    sarnico = MunicipalityFactory(
        istat_code="016193", name="Sarnico", area="Basso Sebino", cadastral_code="I437"
    )
    employer_a = EmployerFactory(legal_name="Cooperativa Alfa", area="Val Cavallina", seat=grone)
    employer_b = EmployerFactory(legal_name="Cooperativa Beta", area="Basso Sebino", seat=sarnico)
    a_users = [UserFactory() for _ in range(6)]
    b_users = [UserFactory() for _ in range(2)]
    for user in a_users:
        EmployeeFactory(employer=employer_a, user=user, home_municipality=grone)
    for user in b_users:
        EmployeeFactory(employer=employer_b, user=user, home_municipality=sarnico)

    honey = product_in(category_path="Alimentari > Miele", price="10.00", title="Miele")
    care = product_in(category_path="Servizi > Assistenza", price="40.00", title="Assistenza")
    care.product_class = ProductClassFactory(
        name="Servizi alla persona", track_stock=False, requires_shipping=False
    )
    care.save()
    need = Need.objects.create(slug="assistenza", name="Assistenza a casa", concerns=Need.Concerns.ELDER)
    need.categories.add(Category.objects.get(name="Assistenza"))

    # A plan that ended in the spring and expired untouched; the running plan; employer B's plan.
    summer = funded_plan(
        employer=employer_a,
        name="Piano primavera",
        amount="20.00",
        valid_from=PERIOD_START,
        valid_to=PERIOD_START + datetime.timedelta(days=30),
        on=PERIOD_START,
    )
    credit_expire(on=PERIOD_START + datetime.timedelta(days=31))
    funded_plan(employer=employer_a, amount="100.00")
    funded_plan(employer=employer_b, amount="50.00")

    orders = []
    for user in a_users[:5]:
        order = order_with_credit(user=user, lines=[(honey, 1)])
        _fix_line(order, km="5.0", home=grone, price="10.00")
        credit_spend_for_order(order=order)
        orders.append(order)
    order = order_with_credit(user=a_users[5], lines=[(care, 1)])
    _fix_line(order, km="100.0", home=grone, price="40.00")
    orders.append(order)
    orders.append(_plain_order(user=b_users[0], product=honey, km="20.0", home=sarnico, price="10.00"))
    orders.append(_plain_order(user=b_users[1], product=care, km=None, home=sarnico, price="40.00"))
    cancelled = _plain_order(user=a_users[0], product=care, km="5.0", home=grone, price="40.00")
    Order.objects.filter(pk=cancelled.pk).update(status="Annullato")
    earlier = _plain_order(user=b_users[0], product=care, km="5.0", home=sarnico, price="40.00")
    Order.objects.filter(pk=earlier.pk).update(
        date_placed=timezone.make_aware(datetime.datetime(TODAY.year - 1, 6, 1, 12, 0))
    )

    # The packing station: one trainee packed one box in one session of two hours.
    operator = UserFactory()
    trainee = TraineeCode.objects.create(code="T-01", user=UserFactory())
    session = WorkSession.objects.create(
        trainee=trainee,
        opened_by=operator,
        started_at=timezone.now() - datetime.timedelta(hours=2),
        ended_at=timezone.now(),
    )
    zone, _ = Zone.objects.get_or_create(name="Zona test")
    round_ = Round.objects.create(zone=zone, delivery_date=TODAY, cutoff_at=timezone.now())
    Box.objects.filter(order=orders[0]).delete()
    Box.objects.create(
        round=round_,
        order=orders[0],
        municipality=grone,
        session=session,
        packed_at=timezone.now(),
        status=Box.Status.PACKED,
    )
    return {
        "grone": grone,
        "sarnico": sarnico,
        "employer_a": employer_a,
        "employer_b": employer_b,
        "a_users": a_users,
        "b_users": b_users,
        "summer": summer,
        "need": need,
    }


@pytest.fixture
def hr_a(dataset):
    return make_hr_contact(employer=dataset["employer_a"])


@pytest.fixture
def hr_b(dataset):
    return make_hr_contact(employer=dataset["employer_b"])
