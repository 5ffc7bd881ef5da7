"""Money typed into the welfare pages: the HR plan form and the employee's reimbursement claim.

For every text: refused with an Italian message on the field, the text still in the input and
nothing written; or, when the text is a valid amount, written exactly as that amount.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from shop.welfare.models import CreditPlan, ReimbursementClaim, Wallet
from tests.factories.eligibility import codice_fiscale
from tests.factories.welfare import funded_plan
from tests.fuzz.helpers import (
    assert_italian,
    assert_kept,
    changed,
    db_state,
    example_rolled_back,
    expected_money,
    expected_quantity,
    form_errors,
    money_texts,
    quantity_texts,
)
from tests.welfare.fiscal_factories import claim_data, declare_child, receipt_pdf

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year  # the shop's year (Europe/Rome), as the forms read it


def plan_data(employer, amount):
    return {
        "employer": employer.pk,
        "name": "Piano 2026",
        "year": YEAR,
        "amount_per_employee": amount,
        "valid_from": f"{YEAR}-01-01",
        "valid_to": f"{YEAR}-12-31",
        "regulation_reference": "Regolamento welfare del 10/01",
    }


def assert_refused(response, field, typed, before):
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    assert form.errors.get(field), f"{typed!r}: no error on {field}: {form.errors}"
    assert_italian(form_errors(form))
    assert_kept(response, typed)
    assert db_state() == before, changed(before, db_state())


@given(text=money_texts())
@example(text="1e3")
@example(text="0")
@example(text="-5")
@example(text="1.000,50")
@example(text="12,345")
def test_plan_credit_per_employee(hr_client, employer, text):
    url = reverse("welfare:hr-plan-create")
    expected = expected_money(text)
    with example_rolled_back():
        before = db_state()
        response = hr_client.post(url, plan_data(employer, text))
        if expected is None or expected < Decimal("0.01"):
            assert_refused(response, "amount_per_employee", text, before)
        else:
            assert response.status_code == 302, (text, response.context and response.context["form"].errors)
            plan = CreditPlan.objects.get(name="Piano 2026")
            assert plan.amount_per_employee == expected
            assert response.url == reverse("welfare:hr-plan-detail", kwargs={"pk": plan.pk})
            after = db_state()
            assert after["welfare_creditplan"] == before["welfare_creditplan"] + 1
            # Creating a plan credits nobody: that is funding, a separate step.
            for key in ("welfare_wallet", "welfare_ledgerentry", "welfare_ledgerentry.amount"):
                assert after[key] == before[key]


@given(
    name=st.sampled_from(["", "  ", "x" * 121, "Piano\x00", "=CMD|' /C calc'!A0", "Piano ✓ 2026"]),
    year=st.sampled_from(["", "abc", "1999", "2101", "2026.5", "١٢", str(YEAR), "99999999999999999999"]),
)
def test_plan_other_fields_never_break_the_page(hr_client, employer, name, year):
    url = reverse("welfare:hr-plan-create")
    with example_rolled_back():
        before = db_state()
        response = hr_client.post(url, {**plan_data(employer, "100,00"), "name": name, "year": year})
        good = name.strip() and len(name) <= 120 and "\x00" not in name and year == str(YEAR)
        if good:
            assert response.status_code == 302
            assert CreditPlan.objects.get().name == name.strip()
        else:
            assert response.status_code == 200
            assert_italian(form_errors(response.context["form"]))
            assert db_state() == before, changed(before, db_state())


@pytest.fixture
def wallet(employer, employee):
    plan = funded_plan(employer=employer, amount="500.00")
    # The claims filed here are f-bis for a child: the employee declared one (issue 20).
    declare_child(employee=employee)
    return Wallet.objects.get(employee=employee, plan=plan)


def claim_post(amount, **overrides):
    data = claim_data(**overrides)
    data["amount"] = amount
    data["receipt_date"] = data["receipt_date"].isoformat()
    return {**data, "receipt": receipt_pdf()}


@given(text=money_texts())
@example(text="500,00")
@example(text="500,01")
@example(text="1e2")
def test_claim_amount(employee_client, wallet, text):
    url = reverse("welfare:claim-create", kwargs={"wallet_pk": wallet.pk})
    expected = expected_money(text)
    with example_rolled_back():
        before = db_state()
        response = employee_client.post(url, claim_post(text))
        if expected is None or expected < Decimal("0.01"):
            assert_refused(response, "amount", text, before)
        elif expected > wallet.available:
            # A valid amount beyond the credit: refused by the service, as a form error.
            assert response.status_code == 200
            assert_italian(form_errors(response.context["form"]))
            assert_kept(response, text)
            assert db_state() == before, changed(before, db_state())
        else:
            assert response.status_code == 302, response.context["form"].errors
            claim = ReimbursementClaim.objects.get()
            assert claim.amount == expected
            after = db_state()
            assert after["welfare_reimbursementclaim"] == before["welfare_reimbursementclaim"] + 1
            assert after["welfare_wallet.reserved"] == before["welfare_wallet.reserved"] + expected
            assert after["welfare_wallet.balance"] == before["welfare_wallet.balance"]


BAD_CODES = [
    "",
    "RSSMRA85T10A562X",  # wrong check character
    "RSSMRA85T10A562",  # too short
    "RSSMRA85T10A562SS",  # too long
    "12345678901",  # a partita IVA, not a codice fiscale
    "RSSMRA85T10A56\x00S",
    '=HYPERLINK("http://x")',
    "ⓇⓈⓈⓂⓇⒶ85T10A562S",
]
BAD_VAT = ["", "12345678901", "1234567890", "IT0000000000", "=1+1", "0000000000\x00"]


@given(cf=st.sampled_from(BAD_CODES), vat=st.sampled_from([*BAD_VAT, None]))
def test_claim_with_a_bad_codice_fiscale_or_partita_iva_writes_nothing(employee_client, wallet, cf, vat):
    url = reverse("welfare:claim-create", kwargs={"wallet_pk": wallet.pk})
    overrides = {"beneficiary_codice_fiscale": cf}
    if vat is not None:
        overrides["supplier_tax_code"] = vat
    with example_rolled_back():
        before = db_state()
        response = employee_client.post(url, claim_post("50,00", **overrides))
        assert_refused(response, "beneficiary_codice_fiscale", cf, before)
        if vat is not None:
            assert response.context["form"].errors.get("supplier_tax_code")
            assert_kept(response, vat)


def test_claim_with_good_codes_in_lower_case_and_spaces_is_filed(employee_client, wallet):
    url = reverse("welfare:claim-create", kwargs={"wallet_pk": wallet.pk})
    cf = codice_fiscale(777)
    response = employee_client.post(url, claim_post("50,00", beneficiary_codice_fiscale=f" {cf.lower()} "))
    assert response.status_code == 302
    assert ReimbursementClaim.objects.get().beneficiary_codice_fiscale == cf


@given(text=quantity_texts())
@example(text="1.000")
@example(text="20")
@example(text="21")
def test_dependent_children_declaration(employee_client, employee, text):
    expected = expected_quantity(text)
    data = {"year": YEAR, "children_count": text, "confirm": "on"}
    with example_rolled_back():
        before = db_state()
        response = employee_client.post(reverse("welfare:fringe"), data)
        if expected is not None and 0 <= expected <= 20:
            assert response.status_code == 302
            assert employee.children_declarations.get().children_count == expected
            return
        assert_refused(response, "children_count", text, before)
