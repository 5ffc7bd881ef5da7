import json

from django.core.management.base import BaseCommand, CommandError

from shop.invariants.checks import invariants_check, invariants_counts


class Command(BaseCommand):
    help = (
        "Check that no wallet is below zero, every wallet matches its ledger, no stock is oversold "
        "and every order is complete and paid exactly (its welfare credit matching the ledger)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print one JSON document on stdout")

    def handle(self, *args, **options):
        results = invariants_check()
        failed = {name: found for name, found in results.items() if found}
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "held": not failed,
                        "checked": invariants_counts(),
                        "checks": {
                            name: {
                                "held": not found,
                                "violations": [str(v) for v in found[:50]],
                                "count": len(found),
                            }
                            for name, found in results.items()
                        },
                    },
                    indent=1,
                )
            )
        else:
            for name, found in results.items():
                self.stdout.write(f"{name}: {'held' if not found else f'{len(found)} violation(s)'}")
                for violation in found[:50]:
                    self.stderr.write(f"  {violation}")
        if failed:
            raise CommandError(f"{len(failed)} invariant(s) failed: {', '.join(failed)}")
        if not options["json"]:
            self.stdout.write(self.style.SUCCESS("Every invariant holds."))
