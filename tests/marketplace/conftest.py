"""An order of two suppliers: honey (goods the SFA round delivers) and a care service,
paid half with welfare credit and half at the door."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from shop.core.roles import Role, grant_role
from shop.logistics.models import Box
from tests.factories import PartnerFactory
from tests.factories.eligibility import UserFactory
from tests.factories.logistics import boxed_product, paid_order, service_product
from tests.factories.welfare import funded_plan
from tests.logistics.conftest import (  # noqa: F401  (fixtures)
    _plain_static_files,
    buyer,
    hub,
    predore,
    sarnico,
    villongo,
    zone,
)

Partner = get_model("partner", "Partner")


def supplier_of(partner, **kwargs):
    user = UserFactory(**kwargs)
    grant_role(user, Role.SUPPLIER)
    partner.users.add(user)
    return user


@dataclass
class SharedOrder:
    order: object
    honey_line: object  # supplier A, 2 × 10.00, boxed: credit 20.00, at the door 0.00
    care_line: object  # supplier B, 1 × 30.00, service: credit 5.00, at the door 25.00
    honey_supplier: object
    care_supplier: object
    box: Box


@pytest.fixture
def shared_order(buyer, employer, zone):  # noqa: F811  (fixtures imported above)
    funded_plan(employer=employer, amount="100.00")
    honey_partner = PartnerFactory(name="Apicoltura del Lago")
    care_partner = PartnerFactory(name="Cooperativa Cura Casa")
    honey = boxed_product(title="Miele di castagno", price="10.00", partner=honey_partner)
    care = service_product(title="Assistenza domiciliare", price="30.00")
    care.stockrecords.update(partner=care_partner)
    buyer.first_name, buyer.last_name = "Giulia", "Rota"
    buyer.save()
    order = paid_order(user=buyer, lines=[(honey, 2), (care, 1)], credit=Decimal("25.00"))
    honey_line, care_line = order.lines.order_by("pk")
    return SharedOrder(
        order=order,
        honey_line=honey_line,
        care_line=care_line,
        honey_supplier=supplier_of(honey_partner, email="miele@example.it"),
        care_supplier=supplier_of(care_partner, email="cura@example.it"),
        box=Box.objects.get(order=order),
    )
