import pytest

from shop.logistics.exceptions import LogisticsError, NoWorkSession, WrongState
from shop.logistics.models import Box, BoxItem, Round
from shop.logistics.selectors import inclusion_figures
from shop.logistics.services import (
    box_assign,
    box_finish,
    box_record_delivery,
    box_take_next,
    item_mark,
    item_undo_last,
    work_session_close,
)
from tests.factories.logistics import boxed_product, paid_order
from tests.factories.welfare import funded_plan
from tests.logistics.helpers import BEFORE_CUTOFF, open_session, packable_boxes


@pytest.fixture
def order(buyer, employer, zone, no_auto_assign):
    funded_plan(employer=employer)
    honey = boxed_product(title="Miele di castagno", price="9.00")
    eggs = boxed_product(title="Uova fresche", price="3.20")
    return paid_order(user=buyer, lines=[(honey, 2), (eggs, 1)])


def test_an_open_round_cannot_be_packed_before_its_cutoff(order, trainee, operator_user):
    box = box_assign(order=order, placed_at=BEFORE_CUTOFF)
    assert box.round.status == Round.Status.OPEN
    assert box_take_next(session=open_session(trainee, operator_user)) is None


def test_a_round_moves_from_open_to_done_with_its_boxes(order, trainee, operator_user):
    (box,) = packable_boxes([order])
    round_ = Round.objects.get(pk=box.round_id)
    assert round_.status == Round.Status.CLOSED
    session = open_session(trainee, operator_user)
    box = box_take_next(session=session)
    assert (box.status, Round.objects.get(pk=round_.pk).status) == (Box.Status.PACKING, Round.Status.PACKING)
    for item in box.items.all():
        item_mark(session=session, item_id=item.pk, status=BoxItem.Status.DONE)
    box = box_finish(session=session, box_id=box.pk)
    assert (box.status, Round.objects.get(pk=round_.pk).status) == (Box.Status.PACKED, Round.Status.PACKED)
    box = box_record_delivery(box=box, delivered=False, by=operator_user, note="Nessuno in casa")
    assert box.status == Box.Status.NOT_HOME
    assert Round.objects.get(pk=round_.pk).status == Round.Status.DONE
    box = box_record_delivery(box=box, delivered=True, by=operator_user, trainee=trainee)
    assert box.status == Box.Status.DELIVERED
    assert order.shipping_events.get().event_type.name == "Consegnato"


def test_not_at_home_needs_a_note(order, trainee, operator_user):
    (box,) = packable_boxes([order])
    session = open_session(trainee, operator_user)
    box_take_next(session=session)
    for item in box.items.all():
        item_mark(session=session, item_id=item.pk, status=BoxItem.Status.DONE)
    box_finish(session=session, box_id=box.pk)
    with pytest.raises(LogisticsError):
        box_record_delivery(box=box, delivered=False, by=operator_user, note="  ")
    assert Box.objects.get(pk=box.pk).status == Box.Status.PACKED


def test_a_box_cannot_be_delivered_before_it_is_packed(order, operator_user):
    (box,) = packable_boxes([order])
    with pytest.raises(WrongState):
        box_record_delivery(box=box, delivered=True, by=operator_user)


def test_undo_puts_the_last_step_back_and_a_double_tap_counts_once(order, trainee, operator_user):
    packable_boxes([order])
    session = open_session(trainee, operator_user)
    box = box_take_next(session=session)
    first, second = box.items.order_by("pk")
    item_mark(session=session, item_id=first.pk, status=BoxItem.Status.DONE)
    item_mark(session=session, item_id=first.pk, status=BoxItem.Status.MISSING)  # second tap, too late
    item_mark(session=session, item_id=second.pk, status=BoxItem.Status.MISSING)
    assert item_undo_last(session=session, box_id=box.pk).pk == second.pk
    statuses = dict(box.items.values_list("pk", "status"))
    assert statuses == {first.pk: BoxItem.Status.DONE, second.pk: BoxItem.Status.TO_DO}
    with pytest.raises(WrongState):
        box_finish(session=session, box_id=box.pk)


def test_closing_a_session_puts_a_half_packed_box_back_in_the_queue(order, trainee, operator_user):
    packable_boxes([order])
    session = open_session(trainee, operator_user)
    box = box_take_next(session=session)
    item_mark(session=session, item_id=box.items.first().pk, status=BoxItem.Status.DONE)
    work_session_close(session=session)
    box.refresh_from_db()
    assert (box.status, box.session) == (Box.Status.TO_PACK, None)
    assert box.items.filter(status=BoxItem.Status.DONE).count() == 1
    with pytest.raises(NoWorkSession):
        box_take_next(session=session)


def test_another_session_cannot_touch_a_box_being_packed(order, trainee, operator_user):
    from shop.logistics.services import trainee_code_create

    packable_boxes([order])
    mine = open_session(trainee, operator_user)
    box = box_take_next(session=mine)
    theirs = open_session(trainee_code_create(code="T-08"), operator_user)
    assert box_take_next(session=theirs) is None
    with pytest.raises(WrongState):
        item_mark(session=theirs, item_id=box.items.first().pk, status=BoxItem.Status.DONE)


def test_inclusion_figures_count_work_per_trainee_code(order, trainee, operator_user):
    packable_boxes([order])
    session = open_session(trainee, operator_user)
    box = box_take_next(session=session)
    first, second = box.items.order_by("pk")
    item_mark(session=session, item_id=first.pk, status=BoxItem.Status.DONE)
    item_mark(session=session, item_id=second.pk, status=BoxItem.Status.MISSING)
    box_finish(session=session, box_id=box.pk)
    box_record_delivery(box=box, delivered=True, by=operator_user, trainee=trainee)
    work_session_close(session=session)
    (figures,) = inclusion_figures()
    assert (figures.code, figures.sessions, figures.boxes_packed, figures.boxes_delivered) == (
        "T-07",
        1,
        1,
        1,
    )
    assert (figures.items_handled, figures.items_missing) == (2, 1)
    assert not hasattr(figures, "user")
