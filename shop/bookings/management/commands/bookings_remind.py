from django.core.management.base import BaseCommand

from shop.bookings.services import bookings_remind


class Command(BaseCommand):
    help = "Email the reminder (with the .ics file) of confirmed bookings starting soon, once each."

    def handle(self, *args, **options):
        count = bookings_remind()
        self.stdout.write(f"{count} reminder(s) sent.")
