"""The pictograms of the packing station and of products without a photo.

Drawn from Twemoji (https://github.com/jdecked/twemoji, graphics CC BY 4.0), installed from the
npm package ``@twemoji/svg``; only the files named here are kept under
``static/logistics/pictograms/<key>.svg`` (``make pictograms`` re-extracts them with
``manage.py pictograms_extract``). A key is what ``PictogramRule`` and ``ItemGuide`` store.
"""

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

STATIC_DIR = "logistics/pictograms"
PACKAGE = "package"

# key -> (Twemoji code point, what it shows). Keys are stored in the database: add, never rename.
PICTOGRAMS: dict[str, tuple[str, str]] = {
    PACKAGE: ("1f4e6", _("Package")),
    "fruit": ("1f34e", _("Fruit")),
    "berries": ("1fad0", _("Berries")),
    "vegetables": ("1f96c", _("Vegetables")),
    "roots": ("1f955", _("Root vegetables")),
    "potatoes": ("1f954", _("Potatoes")),
    "tomato": ("1f345", _("Tomatoes")),
    "eggs": ("1f95a", _("Eggs")),
    "maize": ("1f33d", _("Maize flour")),
    "bread": ("1f35e", _("Bread")),
    "pasta": ("1f35d", _("Pasta")),
    "biscuits": ("1f36a", _("Biscuits and cakes")),
    "honey": ("1f36f", _("Honey")),
    "jar": ("1fad9", _("Jar")),
    "cheese": ("1f9c0", _("Cheese")),
    "milk": ("1f95b", _("Milk")),
    "butter": ("1f9c8", _("Butter")),
    "meat": ("1f356", _("Cured meat")),
    "fish": ("1f41f", _("Fish")),
    "olives": ("1fad2", _("Olives and oil")),
    "juice": ("1f9c3", _("Juice")),
    "wine": ("1f377", _("Wine")),
    "bottle": ("1f37e", _("Bottle")),
    "coffee": ("2615", _("Coffee and tea")),
    "chocolate": ("1f36b", _("Chocolate")),
    "soap": ("1f9fc", _("Soap")),
    "detergent": ("1f9f4", _("Detergent")),
    "notebook": ("1f4d3", _("Notebook")),
    "basket": ("1f9fa", _("Basket")),
    "bag": ("1f45c", _("Bag")),
    "wood": ("1fab5", _("Wooden goods")),
    "care": ("1f91d", _("Care")),
    "children": ("1f9f8", _("Children")),
    "leisure": ("26f0", _("Leisure")),
    "health": ("1fa7a", _("Health")),
    "recycle": ("267b", _("Sustainable goods")),
    "repair": ("1f527", _("Repairs")),
}

CHOICES = [(key, label) for key, (_code, label) in PICTOGRAMS.items()]


def pictogram_static_path(key: str) -> str:
    return f"{STATIC_DIR}/{key if key in PICTOGRAMS else PACKAGE}.svg"


def pictogram_url(key: str) -> str:
    return static(pictogram_static_path(key))


def pictogram_file(key: str) -> str | None:
    """The SVG file on disk (for drawing demo pictures), None if static files lack it."""
    return finders.find(pictogram_static_path(key))


def pictogram_label(key: str) -> str:
    return str(PICTOGRAMS.get(key, PICTOGRAMS[PACKAGE])[1])
