from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.db.models import Sum

from shop.welfare.exceptions import InsufficientCredit, LedgerIsAppendOnly
from shop.welfare.models import LedgerEntry, Wallet
from shop.welfare.services import plan_fund, wallet_adjust
from tests.factories.welfare import funded_plan, order_with_credit, product_in


def ledger_sum(wallet):
    sums = LedgerEntry.objects.filter(wallet=wallet).aggregate(balance=Sum("amount"), reserved=Sum("held"))
    return sums["balance"], sums["reserved"]


def test_funding_credits_each_active_employee_once(employer, employee):
    plan = funded_plan(employer=employer, amount="500.00")
    plan_fund(plan=plan)  # a second run funds only newcomers: nobody here

    wallet = Wallet.objects.get(employee=employee, plan=plan)
    assert wallet.balance == Decimal("500.00")
    assert LedgerEntry.objects.filter(wallet=wallet, kind="fund").count() == 1


def test_balance_equals_sum_of_entries_after_every_movement(employer, employee_user, employee):
    plan = funded_plan(employer=employer, amount="500.00")
    product = product_in(category_path="Servizi > Assistenza", price="30.00")
    order = order_with_credit(user=employee_user, lines=[(product, 2)], credit=Decimal("45.50"))
    order.set_status("Confermato")
    wallet = Wallet.objects.get(employee=employee, plan=plan)
    wallet_adjust(wallet=wallet, amount=Decimal("-0.50"), note="arrotondamento", by=None)
    wallet.refresh_from_db()

    assert (wallet.balance, wallet.reserved) == ledger_sum(wallet)
    assert wallet.balance == Decimal("454.00")
    assert wallet.reserved == Decimal("0.00")
    last = LedgerEntry.objects.filter(wallet=wallet).last()
    assert last.balance_after == wallet.balance


def test_a_movement_beyond_the_balance_is_refused_and_writes_nothing(employer, employee):
    plan = funded_plan(employer=employer, amount="100.00")
    wallet = Wallet.objects.get(employee=employee, plan=plan)
    entries_before = LedgerEntry.objects.count()

    with pytest.raises(InsufficientCredit):
        wallet_adjust(wallet=wallet, amount=Decimal("-100.01"), note="troppo", by=None)

    wallet.refresh_from_db()
    assert wallet.available == Decimal("100.00")
    assert LedgerEntry.objects.count() == entries_before


def test_the_database_refuses_an_overdrawn_wallet(employer, employee):
    plan = funded_plan(employer=employer, amount="100.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        Wallet.objects.filter(employee=employee, plan=plan).update(reserved=Decimal("100.01"))


def test_an_entry_cannot_be_updated_or_deleted(employer, employee):
    funded_plan(employer=employer)
    entry = LedgerEntry.objects.get()

    entry.amount = Decimal("9999.00")
    with pytest.raises(LedgerIsAppendOnly):
        entry.save()
    with pytest.raises(LedgerIsAppendOnly):
        entry.delete()
    with pytest.raises(LedgerIsAppendOnly):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1.00"))
    with pytest.raises(LedgerIsAppendOnly):
        LedgerEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.amount == Decimal("500.00")


def test_a_repeated_idempotency_key_posts_once(employer, employee):
    plan = funded_plan(employer=employer, amount="100.00")
    wallet = Wallet.objects.get(employee=employee, plan=plan)
    first = wallet_adjust(wallet=wallet, amount=Decimal("10"), note="bonus", by=None, key="adjust:77")
    again = wallet_adjust(wallet=wallet, amount=Decimal("10"), note="bonus", by=None, key="adjust:77")
    wallet.refresh_from_db()
    assert first.pk == again.pk
    assert wallet.balance == Decimal("110.00")


def test_verify_wallets_passes_on_a_clean_ledger(employer, employee, capsys):
    funded_plan(employer=employer)
    call_command("verify_wallets")
    assert "matches" in capsys.readouterr().out


def test_verify_wallets_fails_on_a_tampered_balance(employer, employee):
    plan = funded_plan(employer=employer, amount="100.00")
    Wallet.objects.filter(employee=employee, plan=plan).update(balance=Decimal("1000.00"))

    with pytest.raises(CommandError, match="1 wallet"):
        call_command("verify_wallets")


def test_verify_wallets_compares_to_the_cent_whatever_the_database_sums(employer, employee, capsys):
    plan = funded_plan(employer=employer, amount="500.00")
    wallet = Wallet.objects.get(employee=employee, plan=plan)
    for amount in ("0.10", "0.20", "-0.30"):
        wallet_adjust(wallet=wallet, amount=Decimal(amount), note="centesimi", by=None)

    call_command("verify_wallets")

    assert "Every wallet matches its ledger." in capsys.readouterr().out
