"""Create-or-update that writes only what differs, so a second demo load changes nothing."""


def upsert(model, *, lookup: dict, values: dict, initial: dict | None = None):
    """Return ``(obj, created)``; an existing row is saved only for the fields that differ.

    ``initial`` fields are set only when the row is created: state that the running shop
    moves on (stock levels) is not reset by a later load. Pass foreign keys as ``<name>_id``
    so comparing them costs no query.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values, **(initial or {}))
        obj.save()
        return obj, True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj, False
