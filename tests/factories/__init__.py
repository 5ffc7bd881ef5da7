"""Factories for the project's own models; Oscar's live in oscar.test.factories."""

from decimal import Decimal

import factory
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories

from shop.territory.models import Municipality

ProductClass = get_model("catalogue", "ProductClass")
Partner = get_model("partner", "Partner")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("istat_code",)

    istat_code = factory.Sequence(lambda n: f"9{n:05d}")
    name = factory.Sequence(lambda n: f"Comune {n}")
    province = "BG"
    cadastral_code = factory.Sequence(lambda n: f"Z{n:03d}")
    lat = Decimal("45.70000")
    lon = Decimal("9.90000")


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ("name",)

    name = "Prodotti"
    requires_shipping = True
    track_stock = True
    vat_rate = "22"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Fornitore {n}")

    @factory.post_generation
    def admitted(obj, create, extracted, **kwargs):
        """Suppliers in the shop are approved and signed the charter in force; admitted=False skips it."""
        if create and extracted is not False:
            from tests.factories.charter import admit_and_sign

            admit_and_sign(obj)


def product_with_price(*, price: str, vat_rate: str = "", class_rate: str = "22", num_in_stock=10, **kwargs):
    """A standalone product with one stock record at a VAT-included price."""
    product_class = ProductClassFactory(name=f"Classe IVA {class_rate}", vat_rate=class_rate)
    product = oscar_factories.ProductFactory(
        product_class=product_class, vat_rate=vat_rate, stockrecords=[], **kwargs
    )
    oscar_factories.StockRecordFactory(
        product=product, partner=PartnerFactory(), price=Decimal(price), price_currency="EUR",
        num_in_stock=num_in_stock,
    )
    return product


def pdf_bytes(*, pages: int = 1) -> bytes:
    """A small, real PDF (blank A4 pages), as a scanner or a signing app would give."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def product_form_data(*, partner, title, category, price="5.00", stock="3", sku="SKU-1", **fields) -> dict:
    """What the dashboard's product form posts for a new standalone product with one stock record."""
    return {
        "title": title,
        "structure": "standalone",
        "stockrecords-TOTAL_FORMS": "1",
        "stockrecords-INITIAL_FORMS": "0",
        "stockrecords-0-partner": partner.pk,
        "stockrecords-0-partner_sku": sku,
        "stockrecords-0-price_currency": "EUR",
        "stockrecords-0-price": price,
        "stockrecords-0-num_in_stock": stock,
        "productcategory_set-TOTAL_FORMS": "1",
        "productcategory_set-INITIAL_FORMS": "0",
        "productcategory_set-0-category": category.pk,
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "primary_recommendations-TOTAL_FORMS": "0",
        "primary_recommendations-INITIAL_FORMS": "0",
        **fields,
    }
