"""Load the demo shop: territory, catalogue, suppliers, employers, employees, role logins, then
each domain app's own demo data. Idempotent and deterministic (see shop/demo/)."""

import time

from django.core.management.base import BaseCommand

from shop.demo.loader import SEED, apps_load, base_load, demo_counts


class Command(BaseCommand):
    help = "Load the demo data (idempotent: running it again changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", default=SEED, help="Seed of the random generator (default: %(default)s)"
        )

    def handle(self, *args, seed=SEED, **options):
        started = time.monotonic()
        base_load(stdout=self.stdout, seed=seed)
        loaded = apps_load(stdout=self.stdout, seed=seed)
        if options["verbosity"] > 0:
            counts = ", ".join(f"{count} {name}" for name, count in demo_counts().items())
            self.stdout.write(f"Demo data: {counts}.")
            if loaded:
                self.stdout.write(f"App demo data loaded: {', '.join(loaded)}.")
            self.stdout.write(
                f"Loaded in {time.monotonic() - started:.1f} s. Logins and passwords: docs/demo.md."
            )
