"""Load the municipalities of Lombardy (Openpolis, ISTAT, CC BY 4.0) into ``territory.Municipality``.

Idempotent and fast: the file is compared with the table in memory, then new rows are
bulk-inserted and changed rows bulk-updated; a second run writes nothing. Safe in production.
"""

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from shop.territory.models import Municipality

# CSV column -> model field; values are converted by the field's type below.
COLUMNS = {
    "istat_code": "istat_code",
    "name": "name",
    "province": "province",
    "cadastral_code": "cadastral_code",
    "lat": "lat",
    "lon": "lon",
    "pop": "population",
    "pop_0_14": "population_0_14",
    "pop_65_plus": "population_65_plus",
    "pop_80_plus": "population_80_plus",
    "ambito": "area",
}
DECIMAL_FIELDS = {"lat", "lon"}
INT_FIELDS = {"population", "population_0_14", "population_65_plus", "population_80_plus"}
UPDATE_FIELDS = [field for field in COLUMNS.values() if field != "istat_code"]


def default_path() -> Path:
    return Path(settings.BASE_DIR) / "fixtures" / "comuni_lombardia.csv"


@dataclass
class TerritoryResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _read_rows(path: Path) -> list[dict]:
    rows = []
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = set(COLUMNS) - set(reader.fieldnames or [])
        if missing:
            raise CommandError(f"{path}: missing columns {', '.join(sorted(missing))}")
        for line, raw in enumerate(reader, start=2):
            values = {}
            for column, field in COLUMNS.items():
                value = (raw[column] or "").strip()
                try:
                    if field in DECIMAL_FIELDS:
                        value = Decimal(value).quantize(Decimal("0.00001"))
                    elif field in INT_FIELDS:
                        value = int(value or 0)
                except (ArithmeticError, ValueError) as exc:
                    raise CommandError(f"{path}:{line}: bad {column} {raw[column]!r}") from exc
                values[field] = value
            if len(values["istat_code"]) != 6:
                raise CommandError(f"{path}:{line}: ISTAT code must have 6 digits")
            rows.append(values)
    return rows


def municipalities_load(*, path: Path | None = None) -> TerritoryResult:
    """Bring ``Municipality`` in line with the CSV: insert new codes, update changed rows.

    Rows missing from the file are left alone (products and people may point at them).
    """
    rows = _read_rows(Path(path or default_path()))
    existing = {m.istat_code: m for m in Municipality.objects.all()}
    to_create, to_update = [], []
    for values in rows:
        current = existing.get(values["istat_code"])
        if current is None:
            to_create.append(Municipality(**values))
            continue
        changed = False
        for field in UPDATE_FIELDS:
            if getattr(current, field) != values[field]:
                setattr(current, field, values[field])
                changed = True
        if changed:
            to_update.append(current)
    with transaction.atomic():
        Municipality.objects.bulk_create(to_create, batch_size=500)
        Municipality.objects.bulk_update(to_update, UPDATE_FIELDS, batch_size=500)
    return TerritoryResult(
        created=len(to_create), updated=len(to_update), unchanged=len(rows) - len(to_create) - len(to_update)
    )


class Command(BaseCommand):
    help = "Load the municipalities of Lombardy (Openpolis, ISTAT, CC BY 4.0) from fixtures/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", type=Path, default=None, help="CSV file (default: fixtures/comuni_lombardia.csv)"
        )

    def handle(self, *args, path=None, **options):
        result = municipalities_load(path=path)
        if options["verbosity"] > 0:
            self.stdout.write(
                f"Municipalities: {result.total} in file, {result.created} created, "
                f"{result.updated} updated, {result.unchanged} unchanged."
            )
