"""Which area an object belongs to: the one fact every permission about an area starts from."""

from __future__ import annotations

from .models import Area


def area_id_of(obj) -> int | None:
    """The id of the area an object belongs to, following its QuerySet's `area_path`."""
    if obj is None:
        return None
    if isinstance(obj, Area):
        return obj.pk
    path = getattr(type(obj)._default_manager.get_queryset(), "area_path", "area").split("__")
    for part in path[:-1]:
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    if isinstance(obj, Area):
        return obj.pk
    return getattr(obj, f"{path[-1]}_id", None)
