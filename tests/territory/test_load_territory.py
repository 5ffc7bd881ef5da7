"""load_territory: the municipalities of Lombardy, loaded idempotently from fixtures/."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from shop.territory.management.commands.load_territory import default_path, municipalities_load
from shop.territory.models import Area, Municipality

pytestmark = pytest.mark.django_db


def test_loads_every_municipality_with_coordinates_and_area():
    out = io.StringIO()

    call_command("load_territory", stdout=out)

    assert Municipality.objects.count() == 1503
    trescore = Municipality.objects.get(istat_code="016218")
    assert trescore.name == "Trescore Balneario"
    assert trescore.province == "BG"
    assert trescore.cadastral_code == "L388"
    assert (trescore.lat, trescore.lon) == (Decimal("45.69937"), Decimal("9.85115"))
    assert trescore.population == 9788
    assert trescore.area == Area.VAL_CAVALLINA
    assert Municipality.objects.filter(area=Area.VAL_CAVALLINA).count() == 20
    assert Municipality.objects.filter(area=Area.BASSO_SEBINO).count() == 12
    assert Municipality.objects.get(name="Iseo").area == ""
    assert "1503 created" in out.getvalue()


def test_second_load_writes_nothing():
    municipalities_load()

    result = municipalities_load()

    assert (result.created, result.updated, result.unchanged) == (0, 0, 1503)


def test_changed_rows_are_brought_back_in_line():
    municipalities_load()
    Municipality.objects.filter(istat_code="016218").update(population=1, area="")

    result = municipalities_load()

    assert (result.created, result.updated) == (0, 1)
    trescore = Municipality.objects.get(istat_code="016218")
    assert (trescore.population, trescore.area) == (9788, Area.VAL_CAVALLINA)


def test_a_file_with_a_bad_value_is_refused_and_writes_nothing(tmp_path):
    lines = default_path().read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(lines[1].split(",")[4], "north", 1)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines[:10]), encoding="utf-8")

    with pytest.raises(CommandError, match="bad lat"):
        call_command("load_territory", path=bad, stdout=io.StringIO())

    assert not Municipality.objects.exists()
