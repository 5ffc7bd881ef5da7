"""A delivered box moves its lines, and the order once nothing else is open, to "Consegnato"."""

from decimal import Decimal

from shop.logistics.models import BoxItem
from shop.logistics.services import box_finish, box_record_delivery, box_take_next, item_mark
from shop.welfare.models import LedgerEntry
from tests.factories.logistics import boxed_product, paid_order, service_product
from tests.factories.welfare import funded_plan
from tests.logistics.helpers import open_session, packable_boxes


def _pack_and_deliver(order, trainee, operator_user, *, missing=()):
    (box,) = packable_boxes([order])
    session = open_session(trainee, operator_user)
    box_take_next(session=session)
    for item in box.items.select_related("line"):
        status = BoxItem.Status.MISSING if item.line.title in missing else BoxItem.Status.DONE
        item_mark(session=session, item_id=item.pk, status=status)
    box = box_finish(session=session, box_id=box.pk)
    return box_record_delivery(box=box, delivered=True, by=operator_user, trainee=trainee)


def test_delivery_marks_the_order_delivered_and_spends_the_reserved_credit(
    buyer, employer, zone, no_auto_assign, trainee, operator_user
):
    funded_plan(employer=employer)
    order = paid_order(user=buyer, lines=[(boxed_product(title="Miele", price="9.00"), 2)])
    assert order.status == "Ricevuto"
    _pack_and_deliver(order, trainee, operator_user)
    order.refresh_from_db()
    assert order.status == "Consegnato"
    assert set(order.lines.values_list("status", flat=True)) == {"Consegnato"}
    spent = LedgerEntry.objects.filter(order_number=order.number, kind="spend")
    assert sum((e.amount for e in spent), Decimal("0")) == Decimal("-18.00")


def test_a_missing_item_stays_cancelled_and_the_rest_is_delivered(
    buyer, employer, zone, no_auto_assign, trainee, operator_user
):
    funded_plan(employer=employer)
    honey = boxed_product(title="Miele", price="9.00")
    eggs = boxed_product(title="Uova", price="3.20")
    order = paid_order(user=buyer, lines=[(honey, 1), (eggs, 1)])
    _pack_and_deliver(order, trainee, operator_user, missing={"Uova"})
    order.refresh_from_db()
    statuses = dict(order.lines.values_list("title", "status"))
    assert statuses == {"Miele": "Consegnato", "Uova": "Annullato"}
    assert order.status == "Consegnato"


def test_an_order_with_a_service_waits_for_the_service(
    buyer, employer, zone, no_auto_assign, trainee, operator_user
):
    funded_plan(employer=employer)
    honey = boxed_product(title="Miele", price="9.00")
    care = service_product(title="Assistenza domiciliare", price="25.00")
    order = paid_order(user=buyer, lines=[(honey, 1), (care, 1)])
    _pack_and_deliver(order, trainee, operator_user)
    order.refresh_from_db()
    statuses = dict(order.lines.values_list("title", "status"))
    assert statuses["Miele"] == "Consegnato"
    assert statuses["Assistenza domiciliare"] == "Ricevuto"
    assert order.status == "Ricevuto"
