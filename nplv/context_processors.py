"""Template context for every page."""

from __future__ import annotations

from .worklist import remembered_count


def worklist(request) -> dict:
    """The number of open tasks for the navigation, when the home page has counted them (no queries)."""
    return {"worklist_count": remembered_count(request)}
