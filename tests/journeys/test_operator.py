"""SFA operator journey: close a delivery round, hand the packing station to a trainee who
packs the box, then record the delivery.

Screenshots: docs/screenshots/journey-operator-*.png (docs/journeys.md).
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from oscar.core.loading import get_model
from selenium.webdriver.common.by import By

from shop.core.roles import Role, grant_role
from shop.logistics.models import Box, Round, Zone
from shop.logistics.services import box_assign, trainee_code_create
from shop.welfare.models import Wallet
from tests.browser import check_accessibility, click, log_in, page_text, press, screenshot, type_into
from tests.factories import MunicipalityFactory
from tests.factories.eligibility import EmployeeFactory, EmployerFactory, UserFactory
from tests.factories.logistics import boxed_product, paid_order
from tests.factories.welfare import funded_plan
from tests.journeys.conftest import PASSWORD, totp_token, user_with_password

Partner = get_model("partner", "Partner")

pytestmark = pytest.mark.browser

STATION_TARGET_PX = 48


def shot(driver, step: str, **kwargs) -> None:
    screenshot(driver, f"journey-operator-{step}", **kwargs)


def log_in_with_second_factor(browser, live_server, operator, device, next_url: str) -> None:
    """The operator sees names and home addresses: the code of the authenticator app follows
    the password, as for managers and HR contacts."""
    log_in(browser, live_server, operator.email, PASSWORD, next_url=next_url)
    assert reverse("security:2fa-verify") in browser.current_url
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # a new login within the same 30 s
    device.refresh_from_db()
    type_into(browser, "id_token", totp_token(device))
    press(browser, "Continua")


@pytest.fixture
def order_in_an_open_round(settings):
    """One paid order, part credit, in the next Friday's round of the Basso Sebino zone."""
    settings.SHOP_DELIVERY_DAYS = [4]
    settings.SHOP_DELIVERY_CUTOFF_HOURS = 36
    settings.SHOP_LOGISTICS_HUB_ISTAT = "016218"
    MunicipalityFactory(
        istat_code="016218", name="Trescore Balneario", lat=Decimal("45.69937"), lon=Decimal("9.85115")
    )
    sarnico = MunicipalityFactory(
        istat_code="016193", name="Sarnico", lat=Decimal("45.67452"), lon=Decimal("9.96888")
    )
    Zone.objects.create(name="Basso Sebino").municipalities.set([sarnico])
    employer = EmployerFactory(legal_name="Cooperativa Il Sorriso")
    buyer = UserFactory(email="giulia.rossi@example.it")
    EmployeeFactory(employer=employer, user=buyer, home_municipality=sarnico)
    grant_role(buyer, Role.EMPLOYEE)
    funded_plan(employer=employer, amount="10.00")
    honey = boxed_product(title="Miele di castagno", price="9.00")
    eggs = boxed_product(title="Uova fresche", price="3.20")
    Partner.objects.filter(stockrecords__product=honey).update(name="Apicoltura del Lago")
    Partner.objects.filter(stockrecords__product=eggs).update(name="Cascina Bonetti")
    order = paid_order(user=buyer, lines=[(honey, 1), (eggs, 2)])
    box = box_assign(order=order)  # done by the order_placed receiver already; idempotent
    assert box.round.status == Round.Status.OPEN
    return order, box


def test_operator_runs_a_delivery_round(browser, live_server, order_in_an_open_round):
    order, box = order_in_an_open_round
    operator = user_with_password(email="operatore@innesto.example", first_name="Marco")
    grant_role(operator, Role.SFA_OPERATOR)
    device = TOTPDevice.objects.create(user=operator, name="app", confirmed=True)
    trainee_code_create(code="T-07")
    wallet = Wallet.objects.get(employee__user=order.user)
    assert wallet.available == Decimal("0.00") and wallet.balance == Decimal("10.00")

    # The rounds, then this round: it still takes orders; close it now to start packing.
    log_in_with_second_factor(
        browser, live_server, operator, device, next_url=reverse("logistics:round-list")
    )
    assert browser.current_url.endswith(reverse("logistics:round-list"))
    check_accessibility(browser, "rounds")
    shot(browser, "1-rounds")
    round_url = reverse("logistics:round-detail", args=[box.round.pk])
    press(browser, browser.find_element(By.CSS_SELECTOR, f'a[href="{round_url}"]'))
    press(browser, "Chiudi il giro adesso")
    box.round.refresh_from_db()
    assert box.round.status == Round.Status.CLOSED
    text = page_text(browser)
    assert str(order.number) in text and "Miele di castagno" in text  # the box and the pick list
    check_accessibility(browser, "round")
    shot(browser, "2-round", full_page=True)

    # The operator hands the tablet to trainee T-07, who packs the box one item at a time.
    browser.get(live_server.url + reverse("logistics:trainees"))
    check_accessibility(browser, "trainees")
    press(browser, "T-07")
    assert browser.current_url.endswith(reverse("logistics:station"))
    press(browser, "Inizia una scatola", STATION_TARGET_PX)
    check_accessibility(browser, "station item")
    shot(browser, "3-station-item")
    press(browser, "Fatto", STATION_TARGET_PX)
    press(browser, "Fatto", STATION_TARGET_PX)
    press(browser, "Chiudi la scatola", STATION_TARGET_PX)
    check_accessibility(browser, "box closed")
    shot(browser, "4-box-closed")
    box.refresh_from_db()
    assert box.status == Box.Status.PACKED
    press(browser, "Ho finito", STATION_TARGET_PX)
    assert browser.current_url.endswith(reverse("logistics:station-bye"))

    # Back with the operator: the box goes out and is delivered.
    log_in_with_second_factor(browser, live_server, operator, device, next_url=round_url)
    assert browser.current_url.endswith(round_url)
    note = browser.find_element(By.ID, f"note-{box.pk}")
    click(browser, note)
    note.send_keys("Lasciata alla vicina, sig.ra Bonetti")
    press(browser, browser.find_element(By.CSS_SELECTOR, "button[name=outcome][value=delivered]"))

    box.refresh_from_db()
    box.round.refresh_from_db()
    order.refresh_from_db()
    assert box.status == Box.Status.DELIVERED and box.delivery_note == "Lasciata alla vicina, sig.ra Bonetti"
    assert box.round.status == Round.Status.DONE
    assert order.status == "Consegnato"
    wallet.refresh_from_db()
    assert wallet.balance == Decimal("0.00")  # the reserved credit is spent on delivery
    assert "Lasciata alla vicina" in page_text(browser)
    check_accessibility(browser, "round delivered")
    shot(browser, "5-delivered", full_page=True)
