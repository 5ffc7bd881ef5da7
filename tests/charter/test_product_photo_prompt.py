"""The supplier's product form asks for a photo and says why (the packing station shows it)."""

import pytest
from django.urls import reverse

from tests.factories import PartnerFactory
from tests.factories.charter import admit, sign, supplier_user

pytestmark = pytest.mark.django_db


def test_the_product_form_asks_the_supplier_for_a_photo_and_says_why(client, v1, make_product, settings):
    settings.LANGUAGE_CODE = "it"
    partner = PartnerFactory(name="Mia Cascina", admitted=False)
    admit(partner)
    sign(partner, v1)
    client.force_login(supplier_user(partner, email="me@example.org"))
    product = make_product(partner, title="Miele di castagno")

    page = client.get(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})).content.decode()

    assert "Aggiungi una foto del prodotto" in page
    assert "trovano ogni prodotto sullo scaffale dalla sua foto" in page
    assert 'name="images-0-original"' in page  # the upload itself is still there
