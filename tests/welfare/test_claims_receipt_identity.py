"""A receipt is reimbursed once however its supplier and number are written, and a file once."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shop.welfare.exceptions import DuplicateReceipt
from shop.welfare.models import ReimbursementClaim, Wallet
from shop.welfare.receipts import receipt_number_key, supplier_key
from tests.factories.eligibility import partita_iva
from tests.factories.welfare import funded_plan
from tests.fuzz.helpers import example_rolled_back
from tests.welfare.fiscal_factories import PDF, declare_child, file_claim, receipt_pdf

# A receipt number: one to three parts, digits or letters.
parts = st.lists(
    st.one_of(
        st.integers(min_value=0, max_value=999999).map(str),
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=3,
).filter(lambda ps: all(not (a.isalpha() and b.isalpha()) for a, b in zip(ps, ps[1:], strict=False)))


@st.composite
def written(draw, parts):
    """One way a person may type ``parts``: separators, spaces, leading zeros, case."""
    rendered = []
    for part in parts:
        if part.isdigit():
            part = "0" * draw(st.integers(0, 3)) + part
        else:
            part = draw(st.sampled_from([part, part.lower()]))
        rendered.append(part)
    separators = draw(
        st.lists(st.sampled_from(["/", " / ", "-", ".", " ", "_", "\\", " - "]), min_size=len(parts))
    )
    text = rendered[0]
    for separator, part in zip(separators, rendered[1:], strict=False):
        text += separator + part
    return draw(st.sampled_from(["", " "])) + text + draw(st.sampled_from(["", " "]))


@st.composite
def vat_written(draw, vat):
    """A partita IVA with or without the country prefix, spaces, dots or dashes."""
    prefix = draw(st.sampled_from(["", "IT", "it", "IT ", "It"]))
    cut = draw(st.integers(1, 10))
    separator = draw(st.sampled_from(["", " ", "-", "."]))
    return prefix + vat[:cut] + separator + vat[cut:]


@given(data=st.data(), number=parts, n=st.integers(1, 9999))
# A loaded CI machine can starve generation: speed is not what this property tests.
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_equivalent_writings_have_one_key(data, number, n):
    first, second = data.draw(written(number)), data.draw(written(number))
    assert receipt_number_key(first) == receipt_number_key(second)
    vat = partita_iva(n)
    assert supplier_key(data.draw(vat_written(vat))) == supplier_key(vat) == vat


def test_different_numbers_stay_different():
    assert receipt_number_key("2026/42") != receipt_number_key("20264/2")
    assert receipt_number_key("2026/42") != receipt_number_key("2026/43")
    assert receipt_number_key("FT 0042") == receipt_number_key("ft42") == "FT-42"


@pytest.fixture
def wallet(employer, employee):
    plan = funded_plan(employer=employer, amount="5000.00")
    declare_child(employee=employee)
    return Wallet.objects.get(employee=employee, plan=plan)


@given(data=st.data(), number=parts, n=st.integers(1, 9999))
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_equivalent_writing_is_accepted_twice(data, number, n, wallet, employee_user):
    vat = partita_iva(n)
    with example_rolled_back():
        file_claim(
            user=employee_user,
            wallet=wallet,
            supplier_tax_code=data.draw(vat_written(vat)),
            receipt_number=data.draw(written(number)),
        )
        with pytest.raises(DuplicateReceipt):
            file_claim(
                user=employee_user,
                wallet=wallet,
                supplier_tax_code=data.draw(vat_written(vat)),
                receipt_number=data.draw(written(number)),
                amount=Decimal("119.00"),
            )
        assert ReimbursementClaim.objects.count() == 1


def test_the_same_file_is_refused_under_another_number(wallet, employee_user):
    content = PDF + b"% scontrino 7\n"
    file_claim(user=employee_user, wallet=wallet, receipt_number="A/1", receipt=receipt_pdf(content=content))
    with pytest.raises(DuplicateReceipt):
        file_claim(
            user=employee_user, wallet=wallet, receipt_number="B/2", receipt=receipt_pdf(content=content)
        )
    wallet.refresh_from_db()
    assert (ReimbursementClaim.objects.count(), wallet.reserved) == (1, Decimal("120.00"))


def test_the_it_prefix_and_leading_zeros_no_longer_beat_the_check(wallet, employee_user):
    """The issue's example: IT prefix, 2026 / 0042 and 2026/42 for 2026/0042."""
    vat = partita_iva(4242)
    file_claim(user=employee_user, wallet=wallet, supplier_tax_code=vat, receipt_number="2026/0042")
    for supplier, number in [(f"IT{vat}", "2026 / 0042"), (vat, "2026/42"), (f"IT {vat}", "2026-42")]:
        with pytest.raises(DuplicateReceipt):
            file_claim(user=employee_user, wallet=wallet, supplier_tax_code=supplier, receipt_number=number)
    wallet.refresh_from_db()
    assert (ReimbursementClaim.objects.count(), wallet.reserved) == (1, Decimal("120.00"))
