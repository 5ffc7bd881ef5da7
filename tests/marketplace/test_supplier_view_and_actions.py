"""A supplier sees, exports and changes only its own lines of a shared order."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.logistics.models import Box, BoxItem
from shop.logistics.selectors import round_delivery_sheet
from shop.welfare.models import LedgerEntry, Wallet
from tests.marketplace.helpers import assert_invariants, client_for, refunded, state

ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")
ShippingEvent = get_model("order", "ShippingEvent")

pytestmark = pytest.mark.django_db


def detail(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def line_url(order, line):
    return reverse("dashboard:order-line-detail", kwargs={"number": order.number, "line_id": line.pk})


def add_address(order):
    country, _ = Country.objects.get_or_create(iso_3166_1_a2="IT", defaults={"name": "Italia"})
    order.shipping_address = ShippingAddress.objects.create(
        first_name="Giulia",
        last_name="Rota",
        line1="Via Roma 7",
        line4="Sarnico",
        postcode="24067",
        country=country,
        phone_number="",
        notes="Citofono Rota",
    )
    order.save()


# --- What a supplier sees ------------------------------------------------------------------


def test_each_supplier_sees_only_its_own_lines(shared_order):
    s = shared_order
    add_address(s.order)
    honey_page = client_for(s.honey_supplier).get(detail(s.order))
    care_page = client_for(s.care_supplier).get(detail(s.order))
    assert honey_page.status_code == care_page.status_code == 200
    honey_html, care_html = honey_page.content.decode(), care_page.content.decode()
    assert "Miele di castagno" in honey_html and "Assistenza domiciliare" not in honey_html
    assert "Assistenza domiciliare" in care_html and "Miele di castagno" not in care_html
    for html in (honey_html, care_html):
        assert "Giulia Rota" in html  # the buyer's name
        assert "buyer@example.it" not in html
        assert "Credito welfare" not in html and "Pagamento alla consegna" not in html
        # The SFA round delivers the honey; the care service needs no delivery: no address.
        assert "Via Roma 7" not in html


def test_a_supplier_delivering_itself_sees_the_address(shared_order):
    s = shared_order
    add_address(s.order)
    BoxItem.objects.filter(box=s.box).delete()
    s.box.delete()
    html = client_for(s.honey_supplier).get(detail(s.order)).content.decode()
    assert "Via Roma 7" in html and "Citofono Rota" in html
    assert "Via Roma 7" not in client_for(s.care_supplier).get(detail(s.order)).content.decode()


def test_order_list_shows_the_order_but_no_email(shared_order):
    s = shared_order
    html = client_for(s.care_supplier).get(reverse("dashboard:order-list")).content.decode()
    assert str(s.order.number) in html
    assert "buyer@example.it" not in html


def test_line_page_of_the_other_supplier_is_not_found(shared_order):
    s = shared_order
    client = client_for(s.care_supplier)
    assert client.get(line_url(s.order, s.care_line)).status_code == 200
    assert client.get(line_url(s.order, s.honey_line)).status_code == 404
    html = client_for(s.honey_supplier).get(line_url(s.order, s.honey_line)).content.decode()
    assert "Miele di castagno" in html and "Rimborso" not in html


def test_supplier_without_lines_in_the_order_gets_404(shared_order, db):
    from tests.factories import PartnerFactory
    from tests.marketplace.conftest import supplier_of

    stranger = supplier_of(PartnerFactory(name="Altro fornitore"))
    client = client_for(stranger)
    assert client.get(detail(shared_order.order)).status_code == 404
    assert str(shared_order.order.number) not in client.get(reverse("dashboard:order-list")).content.decode()


# --- Exports -------------------------------------------------------------------------------


def test_csv_export_holds_only_own_lines_with_bom_and_no_formula(shared_order):
    s = shared_order
    s.order.user.first_name, s.order.user.last_name = '=HYPERLINK("http://x.example")', "Giovedì"
    s.order.user.save()
    response = client_for(s.honey_supplier).get(reverse("dashboard:order-list") + "?response_format=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert "Miele di castagno" in text and "Assistenza domiciliare" not in text
    assert "buyer@example.it" not in text and "Credito welfare" not in text
    assert "'=HYPERLINK" in text and "Giovedì" in text
    assert ",=HYPERLINK" not in text and '"=HYPERLINK' not in text


def test_xlsx_export_holds_only_own_lines_as_text(shared_order):
    s = shared_order
    s.order.user.first_name = "=1+1"
    s.order.user.save()
    response = client_for(s.care_supplier).get(reverse("dashboard:order-list") + "?response_format=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Assistenza domiciliare" in cells and "Miele di castagno" not in cells
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)
    assert Decimal(str(cells[cells.index("Assistenza domiciliare") + 3])) == Decimal("30.00")


def test_manager_csv_export_is_neutralised_and_has_bom(shared_order, manager):
    s = shared_order
    add_address(s.order)
    s.order.shipping_address.first_name = "@SUM(A1)"
    s.order.shipping_address.save()
    response = client_for(manager).get(reverse("dashboard:order-list") + "?response_format=csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert "'@SUM(A1)" in text and "buyer@example.it" in text


# --- Forbidden actions ---------------------------------------------------------------------


def _forbidden_requests(s):
    order, honey, care = s.order, s.honey_line, s.care_line
    line_post = {
        "line_action": "change_line_statuses",
        "new_status": "Annullato",
        f"selected_line_qty_{honey.pk}": "2",
    }
    return [
        ("post", detail(order), {"supplier_action": "cancel", "line": honey.pk, "reason": "no"}),
        ("post", detail(order), {"supplier_action": "confirm", "line": honey.pk}),
        ("post", detail(order), {"supplier_action": "ready", "line": honey.pk}),
        ("post", detail(order), {"supplier_action": "shipped", "line": honey.pk}),
        ("post", detail(order), {"supplier_action": "cancel", "line": "x", "reason": "no"}),
        ("post", detail(order), {"order_action": "change_order_status", "new_status": "Annullato"}),
        (
            "post",
            detail(order),
            {"order_action": "create_order_payment_event", "amount": "40", "payment_event_type": "rimborso"},
        ),
        ("post", detail(order), {"order_action": "save_note", "message": "nota"}),
        ("post", detail(order), {**line_post, "selected_line": [honey.pk]}),
        (
            "post",
            detail(order),
            {**line_post, "selected_line": [care.pk], f"selected_line_qty_{care.pk}": "1"},
        ),
        (
            "post",
            detail(order),
            {
                "line_action": "create_payment_event",
                "selected_line": [care.pk],
                f"selected_line_qty_{care.pk}": "1",
                "payment_event_type": "rimborso",
            },
        ),
        ("get", line_url(order, honey), None),
        ("get", reverse("dashboard:order-shipping-address", kwargs={"number": order.number}), None),
        (
            "post",
            reverse("dashboard:order-shipping-address", kwargs={"number": order.number}),
            {
                "first_name": "X",
                "last_name": "Y",
                "line1": "Altrove 1",
                "line4": "Lovere",
                "postcode": "24065",
                "country": "IT",
            },
        ),
        ("get", reverse("dashboard:order-stats"), None),
        (
            "post",
            reverse("dashboard:order-list"),
            {"action": "change_order_statuses", "selected_order": [order.pk], "new_status": "Annullato"},
        ),
    ]


def test_every_forbidden_action_of_a_supplier_is_refused_and_changes_nothing(shared_order):
    s = shared_order
    add_address(s.order)
    client = client_for(s.care_supplier)
    failures = []
    for method, path, data in _forbidden_requests(s):
        before = state(s.order)
        response = getattr(client, method)(path, data or {})
        if response.status_code not in (403, 404):
            failures.append(f"{method} {path} {data}: {response.status_code}")
        if state(s.order) != before:
            failures.append(f"{method} {path} {data}: changed the order")
        assert_invariants()
    assert not failures, "\n".join(failures)


# --- Allowed actions and the refund rule ---------------------------------------------------


def wallet(buyer):
    return Wallet.objects.get(employee__user=buyer)


def test_supplier_cancels_its_line_and_exactly_that_line_is_refunded(shared_order, buyer):
    s = shared_order
    before_honey = state(s.order)["box_items"]
    sheet_before = {row.box.pk: row.to_collect for row in round_delivery_sheet(round=s.box.round)}
    assert sheet_before[s.box.pk] == Decimal("25.00")
    response = client_for(s.care_supplier).post(
        detail(s.order), {"supplier_action": "cancel", "line": s.care_line.pk, "reason": "Operatrice malata"}
    )
    assert response.status_code == 302
    s.care_line.refresh_from_db()
    s.honey_line.refresh_from_db()
    s.order.refresh_from_db()
    assert s.care_line.status == "Annullato"
    assert s.honey_line.status == "Ricevuto"
    assert s.order.status == "Parzialmente annullato"
    # The care line took 5.00 of credit and 25.00 at the door: exactly those come back.
    assert refunded(s.order) == {
        "Credito welfare": Decimal("5.00"),
        "Pagamento alla consegna": Decimal("25.00"),
    }
    release = LedgerEntry.objects.get(order_line=s.care_line, kind=LedgerEntry.Kind.RELEASE)
    assert release.held == Decimal("-5.00")
    assert not LedgerEntry.objects.filter(order_line=s.honey_line).exclude(kind="reserve").exists()
    assert wallet(buyer).reserved == Decimal("20.00")
    # Nothing left to collect at the door: the honey was paid by credit.
    sheet = {row.box.pk: row.to_collect for row in round_delivery_sheet(round=s.box.round)}
    assert sheet[s.box.pk] == Decimal("0.00")
    assert state(s.order)["box_items"] == before_honey
    assert "Operatrice malata" in s.order.notes.last().message
    assert_invariants()


def test_cancelling_the_boxed_line_takes_it_out_of_the_box(shared_order, buyer):
    s = shared_order
    client = client_for(s.honey_supplier)
    client.post(
        detail(s.order), {"supplier_action": "cancel", "line": s.honey_line.pk, "reason": "Grandinata"}
    )
    assert not Box.objects.filter(pk=s.box.pk).exists()
    assert refunded(s.order) == {
        "Credito welfare": Decimal("20.00"),
        "Pagamento alla consegna": Decimal("0.00"),
    }
    s.order.refresh_from_db()
    assert s.order.status == "Parzialmente annullato"
    client_for(s.care_supplier).post(
        detail(s.order), {"supplier_action": "cancel", "line": s.care_line.pk, "reason": "Nessuna operatrice"}
    )
    s.order.refresh_from_db()
    assert s.order.status == "Annullato"
    assert refunded(s.order) == {
        "Credito welfare": Decimal("25.00"),
        "Pagamento alla consegna": Decimal("25.00"),
    }
    assert wallet(buyer).reserved == Decimal("0.00")
    assert_invariants()


def test_cancel_without_a_reason_is_refused(shared_order):
    s = shared_order
    before = state(s.order)
    response = client_for(s.care_supplier).post(
        detail(s.order), {"supplier_action": "cancel", "line": s.care_line.pk, "reason": "  "}, follow=True
    )
    assert "Indica perché" in response.content.decode()
    assert state(s.order) == before


def test_supplier_confirms_then_marks_ready_or_shipped(shared_order):
    s = shared_order
    honey, care = client_for(s.honey_supplier), client_for(s.care_supplier)
    honey.post(detail(s.order), {"supplier_action": "ready", "line": s.honey_line.pk})
    assert not ShippingEvent.objects.filter(order=s.order).exists()  # confirm first
    honey.post(detail(s.order), {"supplier_action": "confirm", "line": s.honey_line.pk})
    honey.post(detail(s.order), {"supplier_action": "shipped", "line": s.honey_line.pk})
    assert not ShippingEvent.objects.filter(order=s.order).exists()  # the SFA round delivers it
    honey.post(detail(s.order), {"supplier_action": "ready", "line": s.honey_line.pk})
    care.post(detail(s.order), {"supplier_action": "confirm", "line": s.care_line.pk})
    s.honey_line.refresh_from_db()
    s.care_line.refresh_from_db()
    s.order.refresh_from_db()
    assert s.honey_line.status == s.care_line.status == "Confermato"
    assert s.order.status == "Ricevuto"  # a supplier never sets the order's status
    event = ShippingEvent.objects.get(order=s.order)
    assert event.event_type.code == "pronto-giro-sfa"
    assert [q.line_id for q in event.line_quantities.all()] == [s.honey_line.pk]
    assert_invariants()


def test_a_packed_box_line_cannot_be_cancelled_by_the_supplier(shared_order):
    s = shared_order
    Box.objects.filter(pk=s.box.pk).update(status=Box.Status.PACKING)
    before = state(s.order)
    client_for(s.honey_supplier).post(
        detail(s.order), {"supplier_action": "cancel", "line": s.honey_line.pk, "reason": "Grandinata"}
    )
    assert state(s.order) == before


# --- The manager ---------------------------------------------------------------------------


def test_manager_sees_every_line_and_the_payment(shared_order, manager):
    html = client_for(manager).get(detail(shared_order.order)).content.decode()
    assert "Miele di castagno" in html and "Assistenza domiciliare" in html
    assert "buyer@example.it" in html


def test_manager_cancelling_the_order_refunds_every_line(shared_order, manager, buyer):
    s = shared_order
    response = client_for(manager).post(
        detail(s.order), {"order_action": "change_order_status", "new_status": "Annullato"}
    )
    assert response.status_code == 302
    s.order.refresh_from_db()
    assert s.order.status == "Annullato"
    assert set(s.order.lines.values_list("status", flat=True)) == {"Annullato"}
    assert refunded(s.order) == {
        "Credito welfare": Decimal("25.00"),
        "Pagamento alla consegna": Decimal("25.00"),
    }
    assert wallet(buyer).reserved == Decimal("0.00")
    assert not Box.objects.filter(order=s.order).exists()
    assert_invariants()


def test_manager_line_status_cancel_goes_through_the_refund(shared_order, manager):
    s = shared_order
    client_for(manager).post(
        detail(s.order),
        {
            "line_action": "change_line_statuses",
            "new_status": "Annullato",
            "selected_line": [s.care_line.pk],
            f"selected_line_qty_{s.care_line.pk}": "1",
        },
    )
    s.order.refresh_from_db()
    assert s.order.status == "Parzialmente annullato"
    assert refunded(s.order) == {
        "Credito welfare": Decimal("5.00"),
        "Pagamento alla consegna": Decimal("25.00"),
    }
    assert_invariants()


def test_manager_cannot_pick_the_derived_status(shared_order, manager):
    s = shared_order
    client_for(manager).post(
        detail(s.order), {"order_action": "change_order_status", "new_status": "Parzialmente annullato"}
    )
    s.order.refresh_from_db()
    assert s.order.status == "Ricevuto"


def test_dashboard_home_counts_only_the_suppliers_own_lines(shared_order):
    response = client_for(shared_order.care_supplier).get(reverse("dashboard:index"))
    assert response.status_code == 200
    assert response.context["total_revenue"] == Decimal("30.00")  # not the order's 50.00
    assert response.context["total_revenue_last_day"] == Decimal("30.00")


def test_manager_xlsx_export_follows_the_search(shared_order, manager):
    url = reverse("dashboard:order-list") + f"?response_format=xlsx&order_number={shared_order.order.number}"
    response = client_for(manager).get(url)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    numbers = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert numbers == [str(shared_order.order.number)]
    empty = client_for(manager).get(url.replace(str(shared_order.order.number), "9999"))
    rows = openpyxl.load_workbook(io.BytesIO(empty.content)).active.iter_rows(min_row=2)
    assert list(rows) == []
