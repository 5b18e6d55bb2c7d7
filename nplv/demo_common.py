"""What the demo's generators share: the code of the SPUK 2026–2028 scheme, each area's
programme-bureau login as the actor of the story, and the workflow history, written in bulk and
dated as the story says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import Role, User
from areas.models import Area
from core.models import Transition

SCHEME_CODE = "spuk-kw-2026-2028"


@dataclass(frozen=True)
class HistoryStep:
    """One row of a workflow's history as the demo tells it: what moved from which state to which, when."""

    subject: object
    source: str
    target: str
    day: date
    actor: User | None = None
    comment: str = ""


def _write_history(steps: list[HistoryStep]) -> int:
    """Write the transition log in bulk, dated as the demo's story says.

    `Transition.at` is set on insert (auto_now_add), so the rows are inserted first and then dated with
    one UPDATE per distinct day: a few hundred statements even at `--scale 50`, not one per row.
    """
    if not steps:
        return 0
    content_types = {
        model: ContentType.objects.get_for_model(model) for model in {type(step.subject) for step in steps}
    }
    rows = Transition.objects.bulk_create(
        [
            Transition(
                content_type=content_types[type(step.subject)],
                object_id=step.subject.pk,
                source=step.source,
                target=step.target,
                actor=step.actor,
                comment=step.comment,
            )
            for step in steps
        ],
        batch_size=1000,
    )
    today = timezone.localdate()
    by_day: dict[date, list[int]] = {}
    for row, step in zip(rows, steps, strict=True):
        by_day.setdefault(min(step.day, today), []).append(row.pk)
    for day, pks in by_day.items():
        at = timezone.make_aware(datetime.combine(day, time(10)))
        for start in range(0, len(pks), 500):
            Transition.objects.filter(pk__in=pks[start : start + 500]).update(at=at)
    return len(rows)


def _date_records(model, steps: list[HistoryStep]) -> None:
    """Give each record the creation and last-change dates of its history (the fields are set on save)."""
    first: dict[int, date] = {}
    last: dict[int, date] = {}
    for step in steps:
        first.setdefault(step.subject.pk, step.day)
        last[step.subject.pk] = step.day
    today = timezone.localdate()
    groups: dict[tuple[date, date], list[int]] = {}
    for pk, created in first.items():
        groups.setdefault((min(created, today), min(last[pk], today)), []).append(pk)
    for (created, changed), pks in groups.items():
        model.objects.filter(pk__in=pks).update(
            created_at=timezone.make_aware(datetime.combine(created, time(10))),
            updated_at=timezone.make_aware(datetime.combine(changed, time(10))),
        )


def _bureau_users(areas: list[Area]) -> dict[int, User]:
    """The programme-bureau login of each area that has one, as the actor of the demo's history."""
    users: dict[int, User] = {}
    for user in User.objects.filter(role=Role.PROGRAMME_BUREAU, area__in=areas).order_by("pk"):
        users.setdefault(user.area_id, user)
    return users
