"""What waits for a user ("Mijn taken"): one registry of per-app task providers.

Each app that has work for somebody defines `<app>/worklist.py` with one or more functions
decorated by `@provider`; a provider takes the user and returns the tasks it knows of, already
scoped to what the user may see. `tasks_for(user)` asks every provider and returns one list,
most urgent first. The home page, the navigation count and the weekly digest all read it.

core knows no app: providers register themselves when their module is imported, and the modules
are found by `autodiscover_modules("worklist")`, as the admin finds `admin.py`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

Provider = Callable[[object], list["Task"]]

_providers: list[Provider] = []
_discovered = False


@dataclass(frozen=True)
class Task:
    """One thing that waits for a user, with the link that takes them there in one click.

    `kind` is a stable code (for tests, filters and the digest), `title` and `detail` are Dutch text
    for people. `due` is a deadline (a date after which the task is overdue), `since` the day the
    task began to wait (its age); either may be unknown. `area` names the area for nationwide roles.
    """

    kind: str
    title: str
    url: str
    detail: str = ""
    area: str = ""
    due: datetime.date | None = None
    since: datetime.date | None = None
    key: tuple = field(default=(), compare=False)

    @property
    def is_overdue(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()

    @property
    def age_days(self) -> int | None:
        if self.since is None:
            return None
        return (timezone.localdate() - self.since).days

    def sort_key(self) -> tuple:
        """Overdue first, then the nearest deadline, then the oldest waiting, then by title."""
        far = datetime.date.max
        return (
            not self.is_overdue,
            self.due or far,
            self.since or far,
            self.title,
        )


def provider(func: Provider) -> Provider:
    """Register a task provider (a function `user -> list[Task]`)."""
    if func not in _providers:
        _providers.append(func)
    return func


def providers() -> list[Provider]:
    global _discovered
    if not _discovered:
        autodiscover_modules("worklist")
        _discovered = True
    return list(_providers)


def tasks_for(user) -> list[Task]:
    """Everything that waits for `user`, most urgent first. Anonymous or inactive users have none."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    tasks: list[Task] = []
    for func in providers():
        tasks.extend(func(user))
    return sorted(tasks, key=Task.sort_key)
