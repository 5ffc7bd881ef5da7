"""The storefront's charter gate (shop/charter/strategy.py) reads who may sell in one SQL
statement per page, and nothing is kept across requests: a suspension, even one written
without signals, shows on the next page (see also tests/perf/test_card_cache.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shop.charter.models import Admission
from shop.charter.selectors import sellable_partner_id_set, sellable_partner_ids
from tests.factories import PartnerFactory
from tests.factories.charter import admit, published_version, sign

pytestmark = pytest.mark.django_db


def test_gate_is_one_statement_and_matches_the_queryset(v1):
    partner = PartnerFactory(admitted=False)
    admit(partner)
    sign(partner, v1)
    with CaptureQueriesContext(connection) as queries:
        ids = sellable_partner_id_set()
    assert len(queries) == 1
    assert ids == set(sellable_partner_ids().values_list("partner_id", flat=True))
    assert partner.pk in ids


def test_gate_without_a_charter_in_force_lets_nobody_sell(db):
    partner = PartnerFactory(admitted=False)
    admit(partner)
    assert sellable_partner_id_set() == set()


def test_suspension_without_signals_is_seen_by_the_next_gate(v1):
    partner = PartnerFactory(admitted=False)
    admit(partner)
    sign(partner, v1)
    assert partner.pk in sellable_partner_id_set()
    Admission.objects.filter(partner=partner).update(status=Admission.Status.SUSPENDED)
    assert partner.pk not in sellable_partner_id_set()


def test_future_version_does_not_count_yet(v1, today):
    partner = PartnerFactory(admitted=False)
    admit(partner)
    v2 = published_version(number=2, effective_date=today + datetime.timedelta(days=5))
    sign(partner, v2)
    assert partner.pk not in sellable_partner_id_set()
