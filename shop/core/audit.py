"""The audit trail of money and charter actions: one structured record per action.

Domain apps keep their own ledgers (the welfare ledger, the charter's signatures); this is
the cross-cutting log an auditor greps when something went wrong: who did what to which
object, for how much, from where. Records go to the ``shop.audit`` logger, which
``LOGGING`` writes as one JSON object a line (to ``AUDIT_LOG_FILE`` in production).

    from shop.core.audit import audit_log

    audit_log(action="welfare.debit", actor=request.user, target=wallet,
              amount=total, order_number=order.number, request=request)

Action names are ``<app>.<verb>``; extra keyword arguments become fields of the record.
Never pass passwords, tokens or health data here.
"""

import json
import logging
from datetime import UTC, datetime
from decimal import Decimal

from django.conf import settings

logger = logging.getLogger("shop.audit")


def _client_ip(request) -> str | None:
    # Behind nginx, X-Real-IP is set by nginx itself; elsewhere a header could be forged.
    if getattr(settings, "SHOP_BEHIND_PROXY", False) and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"]
    return request.META.get("REMOTE_ADDR")


def _describe(obj) -> dict | None:
    if obj is None:
        return None
    meta = getattr(obj, "_meta", None)
    if meta is None:
        return {"repr": str(obj)}
    return {"model": meta.label_lower, "pk": obj.pk}


def audit_log(
    *, action: str, actor=None, target=None, amount: Decimal | None = None, request=None, **details
) -> dict:
    """Write one audit record and return it.

    ``actor`` defaults to the request's user; anonymous actors are recorded as ``None``.
    ``amount`` is written as a string so that no Decimal becomes a float on the way.
    """
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    record = {
        "action": action,
        "actor_id": actor.pk if actor is not None else None,
        "actor": actor.get_username() if actor is not None else None,
        "target": _describe(target),
        "amount": str(amount) if amount is not None else None,
        "ip": _client_ip(request) if request is not None else None,
        "details": {
            key: value if isinstance(value, (int, bool, type(None))) else str(value)
            for key, value in details.items()
        },
    }
    logger.info(action, extra={"audit": record})
    return record


class AuditFormatter(logging.Formatter):
    """One JSON object per line, with a UTC timestamp, for ``shop.audit`` records."""

    def format(self, record: logging.LogRecord) -> str:
        payload = {"time": datetime.fromtimestamp(record.created, tz=UTC).isoformat()}
        payload.update(getattr(record, "audit", None) or {"action": record.getMessage()})
        return json.dumps(payload, ensure_ascii=False, sort_keys=True)
