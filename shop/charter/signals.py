"""What the charter app tells the others: a supplier stopped being able to sell.

``sale_stopped`` is sent inside the transaction that records the change (suspension,
signature missing or outdated after the grace period), with ``partner`` and ``reason`` (an
Italian sentence such as "its admission is suspended"); receivers act in that transaction.
"""

from django.dispatch import Signal

sale_stopped = Signal()
