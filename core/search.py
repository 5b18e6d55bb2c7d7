"""Searching a list by its area, the same way on the pages, in the API and in the admin."""

from __future__ import annotations

from django.db.models import Q


def area_search(value: str, *, path: str = "area") -> Q:
    """Rows whose area (reached by `path`) has `value` as its short name (slug, as in links and the
    API) or has it in its name, case-insensitively. One condition, no query of its own."""
    value = value.strip()
    return Q(**{f"{path}__slug": value}) | Q(**{f"{path}__name__icontains": value})
