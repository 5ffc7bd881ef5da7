from django.core.management.base import BaseCommand

from shop.needs.services import urgent_requests_expire


class Command(BaseCommand):
    help = "Mark urgent requests nobody answered in time as expired and tell buyer and supplier (idempotent)."

    def handle(self, *args, **options):
        count = urgent_requests_expire()
        self.stdout.write(f"{count} urgent request(s) expired.")
