"""Oscar's analytics counters, safe inside the request's transaction (``ATOMIC_REQUESTS``).

Oscar creates a counter row (product views, basket additions, purchases) on first use and,
when two requests create the same row at once, catches the IntegrityError and updates
instead. Inside a transaction on PostgreSQL the failed INSERT aborts the whole transaction:
the request (a product page, a basket add) ended in a 500 and its own writes were lost (found
by the load run, docs/load.md). These are the same steps with the INSERT in a savepoint.
"""

from django.db import IntegrityError, transaction
from django.db.models import F


def analytics_counter_update(model, field_name, filter_kwargs, increment=1):
    record = model.objects.filter(**filter_kwargs)
    if record.update(**{field_name: F(field_name) + increment}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**filter_kwargs, **{field_name: increment})
    except IntegrityError:  # created meanwhile by a concurrent request
        record.update(**{field_name: F(field_name) + increment})


def analytics_counters_install() -> None:
    """Oscar's receivers look the helper up at each call: replace it once, at start-up."""
    from oscar.apps.analytics import receivers

    receivers._update_counter = analytics_counter_update
