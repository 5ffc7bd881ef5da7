"""Demo data of the km-0 app: the distance table, and distances on demo order lines."""

from shop.km0.services import distances_compute, order_lines_record_missing_distances


def load(*, stdout, rng):
    pairs = distances_compute()
    lines = order_lines_record_missing_distances()
    stdout.write(f"km0: {pairs} distance pairs, {lines} order lines given their distance.")
