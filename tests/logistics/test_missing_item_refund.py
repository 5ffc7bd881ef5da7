from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model

from shop.logistics.models import BoxItem
from shop.logistics.services import box_finish, box_take_next, item_mark, item_refund_missing
from shop.welfare.models import LedgerEntry, Wallet
from shop.welfare.services import credit_spend_for_order
from tests.factories.logistics import boxed_product, paid_order
from tests.factories.welfare import funded_plan
from tests.logistics.helpers import open_session, packable_boxes

PaymentEvent = get_model("order", "PaymentEvent")


@pytest.fixture
def packed_with_missing(
    buyer, employer, zone, trainee, operator_user, no_auto_assign, django_capture_on_commit_callbacks
):
    """Honey 2 × 10.00, cheese 1 × 15.00; credit 25.00 (20.00 honey, 5.00 cheese), 10.00 at the door."""
    funded_plan(employer=employer, amount="100.00")
    honey = boxed_product(title="Miele di castagno", price="10.00")
    cheese = boxed_product(title="Formaggio di capra", price="15.00")
    order = paid_order(user=buyer, lines=[(honey, 2), (cheese, 1)], credit=Decimal("25.00"))

    def pack(confirm_first=False):
        if confirm_first:
            credit_spend_for_order(order=order)
        packable_boxes([order])
        session = open_session(trainee, operator_user)
        box = box_take_next(session=session)
        honey_item, cheese_item = box.items.order_by("pk")
        item_mark(session=session, item_id=honey_item.pk, status=BoxItem.Status.DONE)
        item_mark(session=session, item_id=cheese_item.pk, status=BoxItem.Status.MISSING)
        with django_capture_on_commit_callbacks(execute=True):
            box_finish(session=session, box_id=box.pk, by=operator_user)
        cheese_item.refresh_from_db()
        return order, cheese_item

    return pack


def wallet_of(buyer):
    return Wallet.objects.get(employee__user=buyer)


def test_missing_item_returns_its_credit_part_and_refunds_the_rest(packed_with_missing, buyer):
    order, item = packed_with_missing()
    assert item.refunded_amount == Decimal("15.00")
    # Credit: the 5.00 reserved on the cheese line is released; the honey's 20.00 stay reserved.
    wallet = wallet_of(buyer)
    assert wallet.reserved == Decimal("20.00")
    assert wallet.balance == Decimal("100.00")
    release = LedgerEntry.objects.get(order_line=item.line, kind=LedgerEntry.Kind.RELEASE)
    assert release.held == Decimal("-5.00")
    # The other 10.00 of the line: refunded on the pay-at-the-door source, not the credit one.
    refunds = {s.source_type.name: s.amount_refunded for s in order.sources.all()}
    assert refunds == {"Credito welfare": Decimal("5.00"), "Pagamento alla consegna": Decimal("10.00")}
    event = PaymentEvent.objects.get(order=order, event_type__code="rimborso")
    assert event.amount == Decimal("15.00")
    assert [(q.line_id, q.quantity) for q in event.line_quantities.all()] == [(item.line_id, 1)]
    item.line.refresh_from_db()
    assert item.line.status == "Annullato"
    assert "Formaggio di capra" in order.notes.get().message


def test_missing_item_after_confirmation_refunds_spent_credit(packed_with_missing, buyer):
    order, item = packed_with_missing(confirm_first=True)
    wallet = wallet_of(buyer)
    # 25.00 were spent on confirmation; the cheese's 5.00 come back to the balance.
    assert wallet.balance == Decimal("80.00")
    assert wallet.reserved == Decimal("0.00")
    refund = LedgerEntry.objects.get(order_line=item.line, kind=LedgerEntry.Kind.REFUND)
    assert refund.amount == Decimal("5.00")


def test_the_buyer_is_told_by_email(packed_with_missing):
    order, item = packed_with_missing()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["buyer@example.it"]
    assert str(order.number) in message.subject
    assert "Formaggio di capra" in message.body and "15,00" in message.body


def test_a_refund_is_made_once(packed_with_missing, buyer):
    order, item = packed_with_missing()
    assert item_refund_missing(item=item) == Decimal("15.00")
    assert (
        LedgerEntry.objects.filter(order_line=item.line).exclude(kind=LedgerEntry.Kind.RESERVE).count() == 1
    )
    assert PaymentEvent.objects.filter(order=order).filter(event_type__code="rimborso").count() == 1
    assert wallet_of(buyer).reserved == Decimal("20.00")
