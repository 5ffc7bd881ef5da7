"""Art. 51 c.2 f-bis and f-ter: who the expense was for, checked against the household."""

from decimal import Decimal

import pytest
from django.urls import reverse

from shop.welfare.claims import claim_file
from shop.welfare.exceptions import WelfareError
from shop.welfare.models import LedgerEntry, ReimbursementClaim, Wallet
from tests.factories.welfare import ON, funded_plan
from tests.welfare.fiscal_factories import claim_data, declare_child, household_with, receipt_pdf


@pytest.fixture
def wallet(employer, employee):
    plan = funded_plan(employer=employer, amount="500.00")
    return Wallet.objects.get(employee=employee, plan=plan)


def file(user, wallet, **overrides):
    return claim_file(user=user, wallet=wallet, receipt=receipt_pdf(), **claim_data(**overrides))


def refused(user, wallet, **overrides) -> str:
    with pytest.raises(WelfareError) as refusal:
        file(user, wallet, **overrides)
    assert not ReimbursementClaim.objects.exists() and not LedgerEntry.objects.exclude(kind="fund").exists()
    return str(refusal.value)


def test_f_bis_for_the_employee_is_refused(wallet, employee_user):
    assert "non per te" in refused(employee_user, wallet, relation="self")


def test_f_bis_with_the_employees_own_codice_fiscale_is_refused_whatever_the_relation(
    wallet, employee, employee_user
):
    declare_child(employee=employee)
    message = refused(
        employee_user, wallet, relation="child", beneficiary_codice_fiscale=employee.codice_fiscale
    )
    assert "non per te" in message


def test_f_bis_for_a_child_needs_a_declared_child(wallet, employee, employee_user):
    assert "Non hai dichiarato figli" in refused(employee_user, wallet, relation="child")
    declare_child(employee=employee)
    assert file(employee_user, wallet, relation="child").amount == Decimal("120.00")


def test_f_bis_for_a_child_of_the_household_profile_is_accepted(wallet, employee_user):
    household_with(user=employee_user, people=[("child", "daughter", ON.year - 4)])
    assert file(employee_user, wallet, relation="child").status == "submitted"


def test_f_bis_for_a_spouse_needs_them_in_the_household(wallet, employee_user):
    assert "profilo famiglia" in refused(employee_user, wallet, relation="spouse")
    household_with(user=employee_user, people=[("disabled", "partner", 1980)])
    assert file(employee_user, wallet, relation="spouse").status == "submitted"


def test_f_ter_for_the_employee_is_refused(wallet, employee_user):
    assert "non per te" in refused(employee_user, wallet, benefit_type="c2_fter", relation="self")


def test_f_ter_for_any_child_is_refused_but_for_a_disabled_child_accepted(wallet, employee, employee_user):
    declare_child(employee=employee)
    household_with(user=employee_user, people=[("child", "son", ON.year - 8)])
    assert "75 anni" in refused(employee_user, wallet, benefit_type="c2_fter", relation="child")
    household_with(user=employee_user, people=[("disabled", "son", ON.year - 12)])
    assert file(employee_user, wallet, benefit_type="c2_fter", relation="child").status == "submitted"


def test_f_ter_for_a_parent_needs_75_years_or_non_self_sufficiency(wallet, employee_user):
    household_with(user=employee_user, people=[("elder", "parent", ON.year - 74)])
    assert "75 anni" in refused(employee_user, wallet, benefit_type="c2_fter", relation="parent")
    household_with(user=employee_user, people=[("elder", "parent", ON.year - 75)])
    assert file(employee_user, wallet, benefit_type="c2_fter", relation="parent").status == "submitted"


def test_the_claim_page_says_why_in_italian_and_keeps_the_input(client, wallet, employee_user):
    client.force_login(employee_user)
    data = claim_data(relation="self", description="Corso di inglese per me")
    data["amount"] = "120,00"
    data["receipt_date"] = data["receipt_date"].isoformat()
    response = client.post(
        reverse("welfare:claim-create", kwargs={"wallet_pk": wallet.pk}), {**data, "receipt": receipt_pdf()}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "sono esenti solo per i tuoi familiari, non per te" in html
    assert "Corso di inglese per me" in html
    assert not ReimbursementClaim.objects.exists()
