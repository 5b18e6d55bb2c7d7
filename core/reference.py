"""Loading reference data: create what is missing, leave what is already right."""

from __future__ import annotations

from django.db import models


def upsert(
    model: type[models.Model], lookup: dict, values: dict, *, create_only: tuple[str, ...] = ()
) -> tuple[models.Model, str]:
    """Create, update or leave alone; return the object and 'created', 'updated' or 'unchanged'.

    The fields named in `create_only` are written when the object is created and never after: they
    are the users' to change (budgets, ceilings), and loading the reference data again must not undo that.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values), "created"
    changed = [field for field, value in values.items() if field not in create_only and getattr(obj, field) != value]
    if not changed:
        return obj, "unchanged"
    for field in changed:
        setattr(obj, field, values[field])
    obj.save(update_fields=changed)
    return obj, "updated"
