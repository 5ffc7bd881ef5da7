from django.core.management.base import BaseCommand

from shop.km0.services import distances_compute


class Command(BaseCommand):
    help = "Precompute the distances between every place of origin and every home that matters."

    def handle(self, *args, **options):
        written = distances_compute()
        self.stdout.write(f"{written} distance pairs up to date.")
