"""The audit log writes one JSON object per action, with amounts as exact strings."""

import json
import logging
from decimal import Decimal

import pytest
from django.test import RequestFactory

from shop.core.audit import AuditFormatter, audit_log


@pytest.mark.django_db
def test_record_names_actor_target_amount_and_address(customer, audit_records):
    request = RequestFactory().post("/checkout/", REMOTE_ADDR="192.0.2.7")
    request.user = customer

    audit_log(
        action="welfare.debit",
        target=customer,
        amount=Decimal("12.50"),
        request=request,
        order_number="100042",
    )

    record = audit_records[-1]
    assert record == {
        "action": "welfare.debit",
        "actor_id": customer.pk,
        "actor": customer.get_username(),
        "target": {"model": "auth.user", "pk": customer.pk},
        "amount": "12.50",
        "ip": "192.0.2.7",
        "details": {"order_number": "100042"},
    }


def test_anonymous_actor_is_recorded_as_nobody(audit_records):
    from django.contrib.auth.models import AnonymousUser

    audit_log(action="charter.apply", actor=AnonymousUser())
    assert audit_records[-1]["actor_id"] is None


def test_forwarded_address_is_trusted_only_behind_the_proxy(settings, audit_records):
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.9")
    settings.SHOP_BEHIND_PROXY = False
    audit_log(action="x.y", request=request)
    assert audit_records[-1]["ip"] == "127.0.0.1"
    settings.SHOP_BEHIND_PROXY = True
    audit_log(action="x.y", request=request)
    assert audit_records[-1]["ip"] == "203.0.113.9"


def test_formatter_writes_one_json_line_with_utc_time():
    record = logging.LogRecord("shop.audit", logging.INFO, __file__, 1, "welfare.credit", None, None)
    record.audit = {"action": "welfare.credit", "amount": "300.00"}
    line = AuditFormatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["action"] == "welfare.credit"
    assert data["amount"] == "300.00"
    assert data["time"].endswith("+00:00")
