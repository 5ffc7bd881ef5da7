"""A round ready to pack: orders assigned before the cut-off, round closed, a session open."""

import datetime

from django.utils import timezone

from shop.logistics.services import box_assign, rounds_close_due, work_session_open

BEFORE_CUTOFF = timezone.make_aware(datetime.datetime(2026, 11, 24, 9, 0))
AFTER_CUTOFF = timezone.make_aware(datetime.datetime(2026, 11, 26, 9, 0))


def packable_boxes(orders):
    boxes = [box_assign(order=order, placed_at=BEFORE_CUTOFF) for order in orders]
    rounds_close_due(now=AFTER_CUTOFF)
    return boxes


def open_session(trainee, operator_user):
    return work_session_open(trainee=trainee, by=operator_user)
