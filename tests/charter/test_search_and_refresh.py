"""The search index follows the gate, and a grace period that ends is noticed without anyone acting."""

import datetime

import pytest
from django.core.management import call_command
from haystack import connections
from haystack.query import SearchQuerySet
from oscar.core.loading import get_model

from shop.charter import services
from shop.charter.models import Admission, AuditEntry
from tests.factories.charter import published_version

Product = get_model("catalogue", "Product")
Notification = get_model("communication", "Notification")

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(settings, tmp_path):
    settings.HAYSTACK_CONNECTIONS = {
        "default": {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(tmp_path / "whoosh")}
    }
    connections.reload("default")
    yield connections["default"].get_unified_index().get_index(Product)
    connections.reload("default")


def _indexed(product) -> bool:
    return SearchQuerySet().models(Product).filter(django_id=str(product.pk)).count() == 1


def test_suspending_a_supplier_removes_its_products_from_the_index(
    index, good_supplier, make_product, manager_admin, django_capture_on_commit_callbacks
):
    product = make_product(good_supplier, title="Miele millefiori")
    Admission.objects.filter(partner=good_supplier).update(on_sale=True)
    index.update_object(product)
    assert _indexed(product)
    with django_capture_on_commit_callbacks(execute=True):
        services.admission_decide(
            admission=good_supplier.admission,
            actor=manager_admin,
            action="suspended",
            reason="Verifica etichette",
        )
    assert not _indexed(product)
    with django_capture_on_commit_callbacks(execute=True):
        services.admission_decide(admission=good_supplier.admission, actor=manager_admin, action="approved")
    assert _indexed(product)


def test_end_of_grace_period_stops_sales_and_tells_supplier_and_manager(
    v1, good_supplier, manager_admin, today, django_capture_on_commit_callbacks
):
    user = good_supplier.users.get()  # the user who signed
    Admission.objects.filter(partner=good_supplier).update(on_sale=True)
    published_version(number=2, effective_date=today - datetime.timedelta(days=59))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("charter_refresh", verbosity=0)
    assert Admission.objects.get(partner=good_supplier).on_sale  # day 60 of 60: still inside

    Admission.objects.filter(partner=good_supplier).update(on_sale=True)
    services.charter_refresh_all(on=today + datetime.timedelta(days=1))
    admission = Admission.objects.get(partner=good_supplier)
    assert not admission.on_sale
    stop = AuditEntry.objects.get(partner=good_supplier, action=AuditEntry.Action.SALE_STOPPED)
    assert "2" in stop.reason
    assert Notification.objects.filter(recipient=user).exists()
    assert Notification.objects.filter(recipient=manager_admin).exists()
