"""Loading reference data: create what is missing, leave what is already right."""

from __future__ import annotations

from django.db import models


def upsert(model: type[models.Model], lookup: dict, values: dict) -> tuple[models.Model, str]:
    """Create, update or leave alone; return the object and 'created', 'updated' or 'unchanged'."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values), "created"
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if not changed:
        return obj, "unchanged"
    for field in changed:
        setattr(obj, field, values[field])
    obj.save(update_fields=changed)
    return obj, "updated"
