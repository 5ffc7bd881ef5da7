"""Daily: re-read the charter gate for every supplier (grace periods end without anyone acting)."""

from django.core.management.base import BaseCommand

from shop.charter.services import charter_refresh_all


class Command(BaseCommand):
    help = "Re-read who may sell under the ethical charter; re-index and notify on changes."

    def handle(self, *args, **options):
        changed = charter_refresh_all()
        if options["verbosity"] > 0:
            self.stdout.write(f"Charter gate re-read: {changed} supplier(s) changed state.")
