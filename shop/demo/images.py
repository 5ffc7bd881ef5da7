"""Product pictures for the demo: the pictogram of the product's kind on its category's colour.

The pictogram is one of the packing station's Twemoji SVGs (shop/logistics/pictograms.py),
drawn with CairoSVG; the rest is Pillow with its bundled font, so the same product always gets
the same picture on any machine and nothing is downloaded. Where the cairo library is missing,
the picture keeps the colour and caption without the pictogram.
"""

import io
import logging
import os

from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from PIL import Image, ImageDraw, ImageFont

logger = logging.getLogger(__name__)

SIZE = 600
# Dark enough for white text (contrast above 4.5:1) and one per category.
PALETTE = {
    "Cura della persona": "#8e2453",
    "Educazione e cura dei figli": "#a3470b",
    "Prodotti Km 0": "#2f6b2a",
    "Tempo libero e benessere": "#1f5a8a",
    "Consumo sostenibile": "#12655f",
    "Salute e previdenza": "#4a3a8c",
}
DEFAULT = "#444444"
WHITE = (255, 255, 255)


def _pictogram(svg_path: str | None, size: int) -> Image.Image | None:
    if not svg_path:
        return None
    try:
        import cairosvg

        png = cairosvg.svg2png(url=svg_path, output_width=size, output_height=size)
    except (ImportError, OSError) as exc:  # cairosvg without the cairo library
        logger.warning("Demo pictures without pictograms: %s", exc)
        return None
    return Image.open(io.BytesIO(png)).convert("RGBA")


def product_picture(*, category: str, pictogram: str, caption: str = "") -> bytes:
    """A 600x600 JPEG: the pictogram on a white disc, on the category's colour, and a caption."""
    from shop.logistics.pictograms import pictogram_file

    colour = PALETTE.get(category, DEFAULT)
    image = Image.new("RGB", (SIZE, SIZE), colour)
    draw = ImageDraw.Draw(image)
    # Centred, so that the storefront's cropped cards keep the whole pictogram.
    draw.ellipse((105, 105, 495, 495), fill=(255, 255, 255))
    picture = _pictogram(pictogram_file(pictogram), 270)
    if picture is not None:
        image.paste(picture, (165, 165), picture)
    label = caption or category
    draw.text((300, 555), label[:40], fill=WHITE, anchor="mm", font=ImageFont.load_default(size=30))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


# Demo pictures are named "<stem>-picto-<pictogram>.jpg"; earlier demos drew initials.
MARK = "picto"


def product_picture_ensure(*, product, stem: str, category: str, caption: str) -> int:
    """Give a demo product the picture of its pictogram; 1 if one was drawn, else 0.

    Idempotent. An earlier demo picture (its file name starts with ``stem``: the initials of
    older demos, or another pictogram) is replaced; a picture someone uploaded is kept.
    """
    from shop.logistics.selectors import product_pictogram

    ProductImage = get_model("catalogue", "ProductImage")
    key = product_pictogram(product=product)
    images = list(product.images.all())
    names = [os.path.basename(image.original.name) for image in images]
    if any(
        name.startswith(f"{stem}-{MARK}-{key}.") or name.startswith(f"{stem}-{MARK}-{key}_") for name in names
    ):
        return 0
    if not all(name.startswith(stem) for name in names):
        return 0
    for image in images:
        image.original.delete(save=False)
        image.delete()
    ProductImage.objects.create(
        product=product,
        original=ContentFile(
            product_picture(category=category, pictogram=key, caption=caption),
            name=f"{stem}-{MARK}-{key}.jpg",
        ),
        caption=product.title[:200],
        display_order=0,
    )
    return 1
