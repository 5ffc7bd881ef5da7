"""Italian identifiers of the demo are computed with the real algorithms."""

import datetime
import io
import random

from PIL import Image
from stdnum.it import codicefiscale, iva

from shop.demo.images import product_picture
from shop.demo.italian import codice_fiscale, partita_iva


def test_codice_fiscale_matches_a_known_code():
    code = codice_fiscale(
        first_name="Mario",
        last_name="Rossi",
        birth_date=datetime.date(1980, 1, 1),
        female=False,
        place_code="H501",
    )

    assert code == "RSSMRA80A01H501U"


def test_first_name_with_four_consonants_skips_the_second():
    code = codice_fiscale(
        first_name="Giancarlo",
        last_name="Bo",
        birth_date=datetime.date(1975, 7, 31),
        female=False,
        place_code="A794",
    )

    assert code[:6] == "BOXGCR"
    assert code[6:11] == "75L31"
    assert codicefiscale.is_valid(code)


def test_women_add_forty_to_the_day_and_accents_are_dropped():
    code = codice_fiscale(
        first_name="Nicolò",
        last_name="D'Amico",
        birth_date=datetime.date(1990, 12, 5),
        female=True,
        place_code="Z129",
    )

    assert code[:15] == "DMCNCL90T45Z129"
    assert codicefiscale.get_gender(code) == "F"
    assert codicefiscale.get_birth_date(code) == datetime.date(1990, 12, 5)


def test_partita_iva_carries_the_province_office_and_a_luhn_check_digit():
    rng = random.Random(7)
    numbers = [partita_iva(rng=rng, province=province) for province in ("BG", "BS") * 20]

    assert all(iva.is_valid(number) for number in numbers)
    assert {number[7:10] for number in numbers} == {"016", "017"}


def test_same_seed_gives_the_same_numbers():
    assert partita_iva(rng=random.Random("x")) == partita_iva(rng=random.Random("x"))


def test_pictures_are_deterministic_jpegs_of_the_pictogram():
    honey = product_picture(category="Prodotti Km 0", pictogram="honey", caption="Apicoltura")

    assert honey[:2] == b"\xff\xd8"
    assert honey == product_picture(category="Prodotti Km 0", pictogram="honey", caption="Apicoltura")
    assert honey != product_picture(category="Prodotti Km 0", pictogram="cheese", caption="Apicoltura")
    # The honey jar fills the middle of the white disc (no initials any more).
    middle = Image.open(io.BytesIO(honey)).convert("RGB").crop((220, 220, 380, 380))
    coloured = [p for p in middle.get_flattened_data() if min(p) < 200]
    assert len(coloured) > 0.5 * 160 * 160
