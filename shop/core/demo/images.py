"""Product pictures for the demo: one colour and pictogram per category, the product's initials.

Pure Pillow drawing with Pillow's bundled font, so the same product always gets the same
picture on any machine and nothing is downloaded.
"""

import io
import math

from PIL import Image, ImageDraw, ImageFont

SIZE = 600
STOP_WORDS = {
    "a",
    "al",
    "alla",
    "all",
    "con",
    "d",
    "da",
    "dei",
    "del",
    "della",
    "delle",
    "di",
    "e",
    "ed",
    "il",
    "in",
    "la",
    "le",
    "lo",
    "per",
    "sul",
    "sulla",
    "un",
    "una",
}

# Dark enough for white text (contrast above 4.5:1) and one per category.
PALETTE = {
    "Cura della persona": ("#8e2453", "heart"),
    "Educazione e cura dei figli": ("#a3470b", "sun"),
    "Prodotti Km 0": ("#2f6b2a", "leaf"),
    "Tempo libero e benessere": ("#1f5a8a", "mountain"),
    "Consumo sostenibile": ("#12655f", "cycle"),
    "Salute e previdenza": ("#4a3a8c", "cross"),
}
DEFAULT = ("#444444", "circle")
WHITE = (255, 255, 255)


def initials(title: str) -> str:
    words = [w for w in title.replace("'", " ").replace("—", " ").split() if w.isalpha()]
    significant = [w for w in words if w.lower() not in STOP_WORDS] or words or ["?"]
    return "".join(w[0].upper() for w in significant[:2])


def _heart(draw, cx, cy, r):
    draw.ellipse((cx - r, cy - r * 0.9, cx, cy + r * 0.1), fill=WHITE)
    draw.ellipse((cx, cy - r * 0.9, cx + r, cy + r * 0.1), fill=WHITE)
    draw.polygon([(cx - r * 0.97, cy - r * 0.2), (cx + r * 0.97, cy - r * 0.2), (cx, cy + r)], fill=WHITE)


def _sun(draw, cx, cy, r):
    draw.ellipse((cx - r * 0.55, cy - r * 0.55, cx + r * 0.55, cy + r * 0.55), fill=WHITE)
    for i in range(12):
        a = i * math.pi / 6
        draw.line(
            (
                cx + math.cos(a) * r * 0.7,
                cy + math.sin(a) * r * 0.7,
                cx + math.cos(a) * r,
                cy + math.sin(a) * r,
            ),
            fill=WHITE,
            width=10,
        )


def _leaf(draw, cx, cy, r, bg):
    draw.ellipse((cx - r * 0.55, cy - r, cx + r * 0.55, cy + r), fill=WHITE)
    draw.line((cx, cy - r * 0.8, cx, cy + r * 1.2), fill=bg, width=8)
    for k in (-0.4, 0, 0.4):
        y = cy + k * r
        draw.line((cx, y + r * 0.15, cx - r * 0.35, y - r * 0.15), fill=bg, width=6)
        draw.line((cx, y + r * 0.15, cx + r * 0.35, y - r * 0.15), fill=bg, width=6)


def _mountain(draw, cx, cy, r):
    draw.polygon(
        [(cx - r, cy + r * 0.6), (cx - r * 0.3, cy - r * 0.7), (cx + r * 0.4, cy + r * 0.6)], fill=WHITE
    )
    draw.polygon(
        [(cx - r * 0.1, cy + r * 0.6), (cx + r * 0.45, cy - r * 0.3), (cx + r, cy + r * 0.6)], fill=WHITE
    )
    draw.ellipse((cx + r * 0.45, cy - r, cx + r * 0.85, cy - r * 0.6), fill=WHITE)
    for k in (0.8, 1.0):
        draw.line((cx - r, cy + r * k, cx + r, cy + r * k), fill=WHITE, width=6)


def _cycle(draw, cx, cy, r):
    box = (cx - r, cy - r, cx + r, cy + r)
    for start in (10, 130, 250):
        draw.arc(box, start, start + 95, fill=WHITE, width=16)
        a = math.radians(start + 95)
        tip = (cx + math.cos(a) * r, cy + math.sin(a) * r)
        t = (math.cos(a + math.pi / 2), math.sin(a + math.pi / 2))
        n = (math.cos(a), math.sin(a))
        draw.polygon(
            [
                (tip[0] + n[0] * 22, tip[1] + n[1] * 22),
                (tip[0] - n[0] * 22, tip[1] - n[1] * 22),
                (tip[0] + t[0] * 30, tip[1] + t[1] * 30),
            ],
            fill=WHITE,
        )


def _cross(draw, cx, cy, r):
    w = r * 0.36
    draw.rectangle((cx - w, cy - r, cx + w, cy + r), fill=WHITE)
    draw.rectangle((cx - r, cy - w, cx + r, cy + w), fill=WHITE)


def _circle(draw, cx, cy, r):
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=WHITE, width=12)


def product_picture(*, title: str, category: str, caption: str = "") -> bytes:
    """A 600x600 JPEG: category colour and pictogram, the title's initials, a caption."""
    colour, shape = PALETTE.get(category, DEFAULT)
    image = Image.new("RGB", (SIZE, SIZE), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((150, 60, 450, 360), fill=tuple(min(255, c + 28) for c in image.getpixel((0, 0))))
    cx, cy, r = 300, 210, 95
    if shape == "leaf":
        _leaf(draw, cx, cy, r, colour)
    else:
        {"heart": _heart, "sun": _sun, "mountain": _mountain, "cycle": _cycle, "cross": _cross}.get(
            shape, _circle
        )(draw, cx, cy, r)
    draw.text((300, 450), initials(title), fill=WHITE, anchor="mm", font=ImageFont.load_default(size=130))
    label = caption or category
    draw.text((300, 555), label[:40], fill=WHITE, anchor="mm", font=ImageFont.load_default(size=28))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()
