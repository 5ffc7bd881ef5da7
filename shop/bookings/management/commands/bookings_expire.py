from django.core.management.base import BaseCommand

from shop.bookings.services import bookings_expire_unanswered


class Command(BaseCommand):
    help = (
        "Expire the bookings a supplier did not answer in time, refund them and tell the buyer (idempotent)."
    )

    def handle(self, *args, **options):
        count = bookings_expire_unanswered()
        self.stdout.write(f"{count} booking(s) expired and refunded.")
