"""The basket page's markup written out by hand (templates/shop/management_form.html) is the
markup Django renders, and the voucher box shows only when the shop has a voucher."""

import pytest
from django.forms import formset_factory
from django.forms.formsets import ManagementForm
from django.template.loader import render_to_string
from django.test import Client
from oscar.test.factories import VoucherFactory

from tests.factories import product_with_price
from tests.factories.eligibility import UserFactory


def written_out(form) -> str:
    return render_to_string("shop/management_form.html", {"form": form}).strip()


def test_the_management_form_written_out_is_djangos_markup():
    unbound = formset_factory(ManagementForm.__base__, extra=2)(prefix="form").management_form
    bound = ManagementForm(
        {
            "line-TOTAL_FORMS": "3",
            "line-INITIAL_FORMS": "1",
            "line-MIN_NUM_FORMS": "",
            "line-MAX_NUM_FORMS": "9",
        },
        prefix="line",
    )
    without_ids = formset_factory(ManagementForm.__base__)(prefix="x", auto_id=False).management_form
    for form in (unbound, bound, without_ids):
        assert written_out(form) == str(form).strip()


@pytest.mark.django_db
def test_the_voucher_box_shows_only_when_the_shop_has_a_voucher():
    client = Client()
    client.force_login(UserFactory())
    client.post(f"/basket/add/{product_with_price(price='4.00').pk}/", {"quantity": 1})

    page = client.get("/basket/")
    assert page.context["voucher_form"] is None
    assert 'id="voucher_form"' not in page.content.decode()

    VoucherFactory()
    page = client.get("/basket/")
    assert page.context["voucher_form"] is not None
    assert 'id="voucher_form"' in page.content.decode()
    assert 'name="form-TOTAL_FORMS" value="1"' in page.content.decode()
