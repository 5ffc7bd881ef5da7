"""Forbidden paths in Oscar's dashboard for supplier users, and publication by unapproved ones."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from shop.charter.models import Admission
from tests.factories import PartnerFactory, ProductClassFactory, product_form_data
from tests.factories.charter import admit, sign, supplier_user

Product = get_model("catalogue", "Product")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

FORBIDDEN = (403, 404)


@pytest.fixture
def two_suppliers(v1, make_product, customer):
    from oscar.core.loading import get_class

    Selector = get_class("partner.strategy", "Selector")
    mine, theirs = (
        PartnerFactory(name="Mia Cascina", admitted=False),
        PartnerFactory(name="Altrui", admitted=False),
    )
    for partner in (mine, theirs):
        admit(partner)
        sign(partner, v1)
    me = supplier_user(mine, email="me@example.org")
    supplier_user(theirs, email="them@example.org")
    my_product = make_product(mine, title="Mio prodotto")
    their_product = make_product(theirs, title="Prodotto altrui")
    basket = Basket.objects.create(owner=customer)
    basket.strategy = Selector().strategy()
    basket.add_product(their_product, 1)
    their_order = create_order(basket=basket, user=customer)
    return {"me": me, "my_product": my_product, "their_product": their_product, "their_order": their_order}


def test_supplier_cannot_open_or_edit_another_suppliers_product(client, two_suppliers):
    client.force_login(two_suppliers["me"])
    theirs = two_suppliers["their_product"]
    url = reverse("dashboard:catalogue-product", kwargs={"pk": theirs.pk})
    assert client.get(url).status_code in FORBIDDEN
    response = client.post(url, {"title": "Rubato", "is_public": "on"})
    assert response.status_code in FORBIDDEN
    theirs.refresh_from_db()
    assert theirs.title == "Prodotto altrui"
    delete_url = reverse("dashboard:catalogue-product-delete", kwargs={"pk": theirs.pk})
    assert client.post(delete_url).status_code in FORBIDDEN
    assert Product.objects.filter(pk=theirs.pk).exists()


def test_supplier_product_list_and_lookup_show_only_its_own(client, two_suppliers):
    client.force_login(two_suppliers["me"])
    listing = client.get(reverse("dashboard:catalogue-product-list")).content.decode()
    assert "Mio prodotto" in listing and "Prodotto altrui" not in listing
    lookup = client.get(reverse("dashboard:catalogue-product-lookup"), {"q": "prodotto"}).json()
    titles = [item["text"] for item in lookup["results"]]
    assert "Prodotto altrui" not in titles and "Mio prodotto" in titles


def test_supplier_can_edit_its_own_product_with_origin_and_method(client, two_suppliers):
    client.force_login(two_suppliers["me"])
    url = reverse("dashboard:catalogue-product", kwargs={"pk": two_suppliers["my_product"].pk})
    form = client.get(url).context["form"]
    assert {"origin", "production_method", "protected_work"} <= set(form.fields)


def test_supplier_cannot_see_another_suppliers_order_through_any_url(client, two_suppliers):
    client.force_login(two_suppliers["me"])
    order = two_suppliers["their_order"]
    line = order.lines.first()
    listing = client.get(reverse("dashboard:order-list"))
    assert listing.status_code == 200 and str(order.number) not in listing.content.decode()
    for name, kwargs in [
        ("dashboard:order-detail", {"number": order.number}),
        ("dashboard:order-line-detail", {"number": order.number, "line_id": line.pk}),
        ("dashboard:order-shipping-address", {"number": order.number}),
    ]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code in FORBIDDEN, name
    stats = client.get(reverse("dashboard:order-stats"))
    assert stats.status_code in FORBIDDEN or stats.context["total_orders"] == 0
    index = client.get(reverse("dashboard:index"))
    assert str(order.number) not in index.content.decode()


def test_supplier_cannot_reach_staff_dashboards(client, two_suppliers):
    client.force_login(two_suppliers["me"])
    for name in [
        "dashboard:partner-list",
        "dashboard:users-index",
        "dashboard:stock-alert-list",
        "dashboard:catalogue-category-list",
        "charter:queue",
        "charter:suppliers",
        "charter:versions",
    ]:
        response = client.get(reverse(name))
        assert response.status_code in FORBIDDEN or (
            response.status_code == 302 and "login" in response.url
        ), name


def test_service_terms_of_another_suppliers_product_is_404(client, two_suppliers):
    client.force_login(two_suppliers["me"])
    theirs = two_suppliers["their_product"]
    assert client.get(reverse("charter:service_terms", kwargs={"pk": theirs.pk})).status_code == 404
    mine = two_suppliers["my_product"]
    assert client.get(reverse("charter:service_terms", kwargs={"pk": mine.pk})).status_code == 200


def _create_product_data(partner, title, category):
    return product_form_data(partner=partner, title=title, category=category, is_public="on")


@pytest.mark.parametrize("status", [Admission.Status.APPLIED, Admission.Status.SUSPENDED])
def test_unapproved_supplier_cannot_publish_a_product(client, v1, status, category):
    partner = PartnerFactory(name="In attesa", admitted=False)
    admit(partner, status=status)
    user = supplier_user(partner)
    client.force_login(user)
    product_class = ProductClassFactory()
    url = reverse("dashboard:catalogue-product-create", kwargs={"product_class_slug": product_class.slug})
    form = client.get(url).context["form"]
    assert form.fields["is_public"].disabled
    response = client.post(url, _create_product_data(partner, "Tentativo", category))
    assert response.status_code == 403
    assert not Product.objects.filter(title="Tentativo").exists()
    # Without asking to publish, the draft is saved and stays private.
    data = _create_product_data(partner, "Bozza", category)
    del data["is_public"]
    response = client.post(url, data)
    assert response.status_code == 302
    assert Product.objects.get(title="Bozza").is_public is False


def test_unapproved_supplier_cannot_bulk_publish(client, v1, make_product):
    partner = PartnerFactory(name="Sospeso", admitted=False)
    admit(partner, status=Admission.Status.SUSPENDED)
    user = supplier_user(partner)
    product = make_product(partner, title="Privato")
    Product.objects.filter(pk=product.pk).update(is_public=False)
    client.force_login(user)
    response = client.post(
        reverse("dashboard:catalogue-product-bulk-action"),
        {"action": "make_products_public", "selected_product": [product.pk], "confirm": "1"},
    )
    assert response.status_code in FORBIDDEN or not Product.objects.get(pk=product.pk).is_public
    assert Product.objects.get(pk=product.pk).is_public is False


def test_approved_supplier_can_publish_a_product(client, v1, category):
    partner = PartnerFactory(name="Approvato", admitted=False)
    admit(partner)
    user = supplier_user(partner)
    sign(partner, v1)
    client.force_login(user)
    product_class = ProductClassFactory()
    url = reverse("dashboard:catalogue-product-create", kwargs={"product_class_slug": product_class.slug})
    response = client.post(url, _create_product_data(partner, "Pubblicato", category))
    assert response.status_code == 302
    assert Product.objects.get(title="Pubblicato").is_public is True


def test_supplier_sees_only_its_own_stock_record_on_a_shared_product(client, two_suppliers):
    from oscar.test.factories import StockRecordFactory

    mine = two_suppliers["my_product"]
    their_partner = two_suppliers["their_product"].stockrecords.get().partner
    StockRecordFactory(
        product=mine, partner=their_partner, price="99.00", price_currency="EUR", num_in_stock=1
    )
    client.force_login(two_suppliers["me"])
    response = client.get(reverse("dashboard:catalogue-product", kwargs={"pk": mine.pk}))
    partners = {f.instance.partner_id for f in response.context["stockrecord_formset"] if f.instance.pk}
    assert partners == {mine.stockrecords.exclude(partner=their_partner).get().partner_id}
