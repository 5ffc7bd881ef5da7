from django.core.management.base import BaseCommand

from shop.bookings.services import holds_release_expired


class Command(BaseCommand):
    help = "Put back on sale the slots held in baskets whose hold lapsed (idempotent; run every few minutes)."

    def handle(self, *args, **options):
        count = holds_release_expired()
        self.stdout.write(f"{count} hold(s) released.")
