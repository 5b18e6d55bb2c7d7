"""Reads of the monitor."""

from __future__ import annotations

from django.db.models import Prefetch

from areas.models import ActionLine

from .models import Indicator, IndicatorValue


def monitor_table(*, user) -> list[dict]:
    """The national monitor per action line: each indicator with its NPLV and NL figure per year."""
    values = IndicatorValue.objects.visible_to(user).filter(area__isnull=True).order_by("year")
    indicators = Indicator.objects.select_related("action_line").prefetch_related(
        Prefetch("values", queryset=values, to_attr="averages")
    )
    years = sorted(set(values.values_list("year", flat=True)))
    by_line: dict[int, dict] = {
        line.number: {"line": line, "rows": []} for line in ActionLine.objects.order_by("number")
    }
    for indicator in indicators:
        cells = {(v.year, v.scope): v.value for v in indicator.averages}
        by_line[indicator.action_line.number]["rows"].append(
            {
                "indicator": indicator,
                "years": [{"year": y, "nplv": cells.get((y, "nplv")), "nl": cells.get((y, "national"))} for y in years],
            }
        )
    return [{"years": years, **group} for group in by_line.values() if group["rows"]]
