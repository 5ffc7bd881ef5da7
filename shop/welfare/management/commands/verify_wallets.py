from django.core.management.base import BaseCommand, CommandError

from shop.welfare.selectors import wallets_out_of_balance


class Command(BaseCommand):
    help = "Check every wallet's stored balance and reservations against the sum of its ledger entries."

    def handle(self, *args, **options):
        mismatches = wallets_out_of_balance()
        for row in mismatches:
            self.stderr.write(
                f"wallet {row.wallet_id}: stored balance {row.stored_balance} "
                f"reserved {row.stored_reserved}, "
                f"entries give balance {row.ledger_balance} reserved {row.ledger_reserved}"
            )
        if mismatches:
            raise CommandError(f"{len(mismatches)} wallet(s) do not match their ledger")
        self.stdout.write(self.style.SUCCESS("Every wallet matches its ledger."))
