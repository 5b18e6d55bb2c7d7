"""The nightly budget snapshot: one row per scheme × area × theme and day, written idempotently."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from .models import BudgetSnapshot
from .selectors import MONEY_COLUMNS, budget_figures


@transaction.atomic
def budget_snapshot_take(*, day: date, area_ids=None) -> int:
    """Store today's figures; taking the same day's snapshot again overwrites it, never doubles it."""
    rows = [
        BudgetSnapshot(
            day=day,
            scheme_id=r.scheme_id,
            area_id=r.area_id,
            theme_id=r.theme_id,
            **{column: getattr(r, column) for column in MONEY_COLUMNS},
        )
        for r in budget_figures(area_ids=area_ids)
    ]
    BudgetSnapshot.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["day", "area", "theme"],
        update_fields=["scheme", *MONEY_COLUMNS],
    )
    return len(rows)
