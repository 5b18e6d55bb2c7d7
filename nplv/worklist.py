"""The project's entry to "Mijn taken": `tasks_for(user)` from the registry in `core.worklist`,
plus the remembered count that the navigation shows.

The count is kept in the cache, per session, when the home page or the task page computes the list,
so that other pages show it without asking every provider again (no queries: their budgets stay
fixed, and the session is not written). A successful POST forgets it (something may have been
done); it is counted again on the next visit home. Without a remembered count the navigation shows
the link without a number.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from core.worklist import Task, tasks_for

__all__ = ["Task", "tasks_for", "remember_count", "remembered_count", "forget_count"]


def _key(request) -> str | None:
    session = getattr(request, "session", None)
    session_key = getattr(session, "session_key", None)
    return f"nplv:worklist-count:{session_key}" if session_key else None


def remember_count(request, tasks: list[Task]) -> None:
    if key := _key(request):
        cache.set(key, len(tasks), timeout=settings.SESSION_COOKIE_AGE)


def remembered_count(request) -> int | None:
    key = _key(request)
    return cache.get(key) if key else None


def forget_count(request) -> None:
    if key := _key(request):
        cache.delete(key)
