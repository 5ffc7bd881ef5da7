"""Copy the pictograms the shop uses out of the npm package ``@twemoji/svg``.

    npm install --prefix var/pictograms --no-save @twemoji/svg@15.0.0
    manage.py pictograms_extract [--source var/pictograms/node_modules/@twemoji/svg]

(``make pictograms`` does both.) Only the SVGs listed in ``shop.logistics.pictograms`` are
copied, renamed to their key, next to the licence file.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from shop.logistics.pictograms import PICTOGRAMS, STATIC_DIR

DEFAULT_SOURCE = "var/pictograms/node_modules/@twemoji/svg"


class Command(BaseCommand):
    help = "Copy the shop's pictograms from the @twemoji/svg npm package into static files."

    def add_arguments(self, parser):
        parser.add_argument("--source", default=str(Path(settings.BASE_DIR) / DEFAULT_SOURCE))
        parser.add_argument(
            "--target", default=str(Path(settings.BASE_DIR) / "shop" / "logistics" / "static" / STATIC_DIR)
        )

    def handle(self, *args, source, target, **options):
        source_dir, target = Path(source), Path(target)
        if not source_dir.is_dir():
            raise CommandError(f"{source_dir} not found: npm install --prefix var/pictograms @twemoji/svg")
        target.mkdir(parents=True, exist_ok=True)
        missing = [code for code, _label in PICTOGRAMS.values() if not (source_dir / f"{code}.svg").exists()]
        if missing:
            raise CommandError(f"Not in {source_dir}: {', '.join(missing)}")
        for key, (code, _label) in PICTOGRAMS.items():
            shutil.copyfile(source_dir / f"{code}.svg", target / f"{key}.svg")
        self.stdout.write(f"{len(PICTOGRAMS)} pictograms copied to {target}")
