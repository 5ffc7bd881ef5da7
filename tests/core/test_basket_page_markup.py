"""The basket page's management form is Django's markup, its numbers unlocalised in Italian
(the hidden inputs go through shop/core/form_renderer.py), and the voucher box shows only
when the shop has a voucher."""

import pytest
from django.forms import formset_factory
from django.forms.formsets import ManagementForm
from django.test import Client
from django.utils.translation import override
from oscar.test.factories import VoucherFactory

from tests.factories import product_with_price
from tests.factories.eligibility import UserFactory


def test_the_management_form_is_djangos_markup_with_numbers_unlocalised():
    unbound = formset_factory(ManagementForm.__base__, extra=2)(prefix="form").management_form
    without_ids = formset_factory(ManagementForm.__base__)(prefix="x", auto_id=False).management_form
    with override("it"):
        assert 'name="form-MAX_NUM_FORMS" value="1000" id="id_form-MAX_NUM_FORMS"' in str(unbound)
        assert 'name="form-MIN_NUM_FORMS" value="0"' in str(unbound)
        assert 'id="' not in str(without_ids)


@pytest.mark.django_db
def test_the_voucher_box_shows_only_when_the_shop_has_a_voucher():
    client = Client()
    client.force_login(UserFactory())
    client.post(f"/basket/add/{product_with_price(price='4.00').pk}/", {"quantity": 1})

    page = client.get("/basket/")
    assert page.context["voucher_form"] is None
    assert 'id="voucher_form"' not in page.content.decode()
    assert str(page.context["formset"].management_form) in page.content.decode()
    assert 'name="form-MAX_NUM_FORMS" value="1000"' in page.content.decode()

    VoucherFactory()
    page = client.get("/basket/")
    assert page.context["voucher_form"] is not None
    assert 'id="voucher_form"' in page.content.decode()
    assert 'name="form-TOTAL_FORMS" value="1"' in page.content.decode()
