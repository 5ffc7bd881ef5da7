"""Put placed orders that have no box yet into delivery rounds (backfill), and close due rounds."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from oscar.core.loading import get_model

from shop.logistics.models import Box
from shop.logistics.services import box_assign, rounds_close_due

Order = get_model("order", "Order")


class Command(BaseCommand):
    help = "Assign orders without a box to delivery rounds; close rounds past their cut-off."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14, help="Look at orders placed in the last N days")

    def handle(self, *args, days=14, **options):
        since = timezone.now() - datetime.timedelta(days=days)
        orders = (
            Order._default_manager.filter(date_placed__gte=since)
            .exclude(pk__in=Box.objects.values("order"))
            .exclude(status__in=["Annullato", "Rimborsato"])
            .order_by("date_placed")
        )
        assigned = skipped = 0
        for order in orders:
            if box_assign(order=order, placed_at=timezone.now()) is None:
                skipped += 1
            else:
                assigned += 1
        closed = rounds_close_due()
        self.stdout.write(
            f"Boxes created: {assigned}; orders without delivered goods or zone: {skipped}; "
            f"rounds closed: {closed}."
        )
