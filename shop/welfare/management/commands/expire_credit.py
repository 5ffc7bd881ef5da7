import datetime

from django.core.management.base import BaseCommand

from shop.welfare.services import credit_expire


class Command(BaseCommand):
    help = (
        "Expire unused credit of plans that ended before today (or --on DATE). Safe to run daily, repeatedly."
    )

    def add_arguments(self, parser):
        parser.add_argument("--on", type=datetime.date.fromisoformat, default=None, help="YYYY-MM-DD")

    def handle(self, *args, on=None, **options):
        entries = credit_expire(on=on)
        for entry in entries:
            wallet = entry.wallet
            self.stdout.write(
                f"expired {-entry.amount} EUR from wallet {wallet.pk} "
                f"(plan {wallet.plan.name} {wallet.plan.year}, ended {wallet.plan.valid_to})"
            )
        total = sum((-entry.amount for entry in entries), 0)
        self.stdout.write(f"{len(entries)} wallet(s) expired, {total} EUR in total.")
