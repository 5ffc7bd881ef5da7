"""The Italian storefront: home, language switch, category listing, product page, CSP-safe markup.

Also holds the storefront's test data helpers (the six offer categories, sellable products
with pictures), shared with test_storefront_queries.
"""

import io
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories
from PIL import Image

from tests.factories import MunicipalityFactory, PartnerFactory, ProductClassFactory

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")

pytestmark = pytest.mark.django_db

CATEGORY_NAMES = [
    "Cura della persona",
    "Educazione e cura dei figli",
    "Prodotti Km 0",
    "Tempo libero e benessere",
    "Consumo sostenibile",
    "Salute e previdenza",
]


def six_categories() -> dict:
    cache.clear()  # the header's category list is cached between requests
    return {name: Category.add_root(name=name) for name in CATEGORY_NAMES}


def sellable(partner):
    """Let a supplier sell: approved with the charter in force signed, where the charter gate exists."""
    try:
        from shop.charter.selectors import partner_may_sell
        from tests.factories.charter import admit_and_sign
    except ImportError:  # the charter gate is not installed: every supplier sells
        return partner
    if not partner_may_sell(partner):
        admit_and_sign(partner)
    return partner


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (31, 78, 121)).save(buffer, "JPEG")
    return buffer.getvalue()


def make_products(count, *, category, partner=None, price="12.50", class_rate="4", services=False, start=0):
    partner = partner or sellable(PartnerFactory(name="Cooperativa L'Innesto"))
    origin = MunicipalityFactory(name="Sarnico")
    product_class = ProductClassFactory(
        name="Servizi" if services else "Prodotti",
        requires_shipping=not services,
        track_stock=not services,
        vat_rate=class_rate,
    )
    products = []
    for n in range(start, start + count):
        product = oscar_factories.ProductFactory(
            title=f"Miele di castagno {n}",
            product_class=product_class,
            stockrecords=[],
            origin=origin,
            production_method="organic",
            categories=[],
        )
        oscar_factories.StockRecordFactory(
            product=product, partner=partner, price=Decimal(price), price_currency="EUR", num_in_stock=10
        )
        ProductCategory.objects.create(product=product, category=category)
        ProductImage.objects.create(product=product, original=ContentFile(_jpeg(), name=f"p{n}.jpg"))
        products.append(product)
    return products


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # Tests do not run collectstatic: serve static URLs without the hashed manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)


def test_home_page_is_italian_and_shows_the_six_categories(client):
    six_categories()

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="it"' in html
    assert "Il tuo welfare, vicino a casa" in html
    for name in CATEGORY_NAMES:
        assert html.count(name) >= 2, name  # main navigation and category card


def test_language_switcher_turns_the_shop_english(client):
    six_categories()

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302

    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Your welfare, close to home" in html
    assert "Il tuo welfare, vicino a casa" not in html


def test_header_offers_both_languages_through_set_language(client):
    six_categories()

    html = client.get("/").content.decode()

    assert 'action="/i18n/setlang/"' in html
    assert 'name="language" value="it"' in html
    assert 'name="language" value="en"' in html


def test_product_page_shows_the_vat_included_price_and_rate(client):
    categories = six_categories()
    product = make_products(1, category=categories["Prodotti Km 0"], price="12.50", class_rate="4")[0]

    response = client.get(product.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"12,50\s€", html), "Italian euro format"
    assert "IVA 4% inclusa" in html
    assert "Sarnico" in html  # origin municipality
    assert "Biologico" in html or "Organic" in html


def test_exempt_service_says_vat_exempt(client):
    categories = six_categories()
    service = make_products(
        1, category=categories["Cura della persona"], price="18.00", class_rate="esente", services=True
    )[0]

    html = client.get(service.get_absolute_url()).content.decode()

    assert "esente IVA" in html
    assert re.search(r"18,00\s€", html)


def test_protected_work_is_stated_on_the_product_page(client):
    categories = six_categories()
    product = make_products(1, category=categories["Prodotti Km 0"])[0]
    product.protected_work = True
    product.save()

    html = client.get(product.get_absolute_url()).content.decode()

    assert "Realizzato con persone in lavoro protetto" in html


def test_category_page_lists_its_products_with_supplier_and_price(client):
    categories = six_categories()
    honey = make_products(3, category=categories["Prodotti Km 0"])
    make_products(1, category=categories["Salute e previdenza"], start=50)

    response = client.get(categories["Prodotti Km 0"].get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    for product in honey:
        assert product.title in html
    assert "Miele di castagno 50" not in html
    assert "Cooperativa L&#x27;Innesto" in html or "Cooperativa L'Innesto" in html
    assert "IVA 4% inclusa" in html


def test_welfare_credit_appears_in_the_header_when_provided():
    request = RequestFactory().get("/")
    with translation.override("it"):
        html = render_to_string(
            "oscar/partials/nav_accounts.html", {"welfare_balance": Decimal("120.50"), "request": request}
        )

    assert re.search(r"Credito welfare: 120,50\s€", html)


def test_no_welfare_credit_line_without_a_balance():
    request = RequestFactory().get("/")
    with translation.override("it"):
        html = render_to_string(
            "oscar/partials/nav_accounts.html", {"welfare_balance": None, "request": request}
        )

    assert "Credito welfare" not in html


@pytest.mark.parametrize("page", ["home", "category", "product", "basket", "login", "missing"])
def test_pages_carry_no_inline_script_handler_or_style(client, page):
    categories = six_categories()
    product = make_products(2, category=categories["Prodotti Km 0"])[0]
    url = {
        "home": "/",
        "category": categories["Prodotti Km 0"].get_absolute_url(),
        "product": product.get_absolute_url(),
        "basket": reverse("basket:summary"),
        "login": reverse("customer:login"),
        "missing": "/non-esiste/",
    }[page]

    html = client.get(url).content.decode()

    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert not EVENT_HANDLER.search(html), EVENT_HANDLER.search(html)
    assert not STYLE_ATTRIBUTE.search(html), STYLE_ATTRIBUTE.search(html)


def test_missing_page_is_an_italian_404_in_the_shop_layout(client):
    six_categories()

    response = client.get("/non-esiste/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina non trovata" in html
    assert 'class="skip-link"' in html


def test_server_error_page_renders_without_a_request_context():
    with translation.override("it"):
        html = render_to_string("500.html")

    assert "Qualcosa non ha funzionato" in html
    assert not INLINE_SCRIPT.search(html)


def test_category_sidebar_lists_the_sub_categories_of_the_current_root(client):
    categories = six_categories()
    honey = categories["Prodotti Km 0"].add_child(name="Miele e confetture")
    categories["Cura della persona"].add_child(name="Assistenza domiciliare")
    make_products(1, category=honey)

    html = client.get(categories["Prodotti Km 0"].get_absolute_url()).content.decode()

    assert "Miele e confetture" in html
    assert "Assistenza domiciliare" not in html
