"""Reads of the monitor: the national table, an area's dashboard, the import runs, and lists for the API."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from areas.models import ActionLine, Area

from . import charts
from .models import (
    ImportProblem,
    ImportRun,
    ImportStatus,
    Indicator,
    IndicatorScope,
    IndicatorValue,
    place_key,
)

LOADED = [ImportStatus.LOADED, ImportStatus.PARTLY_LOADED]


def indicator_list(*, user) -> QuerySet[Indicator]:
    return Indicator.objects.visible_to(user).select_related("action_line", "partition")


def value_list(*, user) -> QuerySet[IndicatorValue]:
    return IndicatorValue.objects.visible_to(user).select_related("indicator", "area", "municipality")


def import_run_list(*, user) -> QuerySet[ImportRun]:
    return ImportRun.objects.visible_to(user).select_related("created_by", "finished_by", "area")


def import_run_get(*, user, pk: int) -> ImportRun:
    return get_object_or_404(import_run_list(user=user), pk=pk)


def refused_keys(*, places: list[str], indicator_ids=None) -> set[tuple[int, str, int]]:
    """(indicator, place, year) of figures a loaded import refused: shown as refused, not as missing."""
    qs = ImportProblem.objects.filter(run__status__in=LOADED, place__in=places, indicator__isnull=False)
    if indicator_ids is not None:
        qs = qs.filter(indicator_id__in=indicator_ids)
    return set(qs.values_list("indicator_id", "place", "year").distinct())


# ---------------------------------------------------------------------------------------------
# The national table


@dataclass
class Cell:
    year: int
    value: Decimal | None = None
    refused: bool = False


def monitor_table(*, user) -> list[dict]:
    """The national monitor per action line: each indicator's NPLV and NL figure per year and the gap."""
    values = IndicatorValue.objects.visible_to(user).filter(scope__in=[IndicatorScope.NPLV, IndicatorScope.NATIONAL])
    cells: dict[tuple[int, str, int], Decimal] = {
        (indicator_id, scope, year): value
        for indicator_id, scope, year, value in values.values_list("indicator_id", "scope", "year", "value")
    }
    refused = refused_keys(places=[IndicatorScope.NPLV, IndicatorScope.NATIONAL]) if user.is_authenticated else set()
    years = sorted({year for (_i, _s, year) in cells} | {year for (_i, _p, year) in refused})
    by_line: dict[int, dict] = {
        line.number: {"line": line, "rows": []} for line in ActionLine.objects.order_by("number")
    }
    for indicator in Indicator.objects.select_related("action_line"):
        row = []
        for year in years:
            nplv = cells.get((indicator.pk, IndicatorScope.NPLV, year))
            nl = cells.get((indicator.pk, IndicatorScope.NATIONAL, year))
            row.append(
                {
                    "year": year,
                    "nplv": nplv,
                    "nl": nl,
                    "gap": nplv - nl if nplv is not None and nl is not None else None,
                    "nplv_refused": nplv is None and (indicator.pk, IndicatorScope.NPLV, year) in refused,
                    "nl_refused": nl is None and (indicator.pk, IndicatorScope.NATIONAL, year) in refused,
                }
            )
        by_line[indicator.action_line.number]["rows"].append({"indicator": indicator, "years": row})
    return [{"years": years, **group} for group in by_line.values() if group["rows"]]


def monitor_table_fingerprint(groups: list[dict]) -> str:
    """A digest of everything the national table shows, to keep it rendered under (see `Trend.fingerprint`)."""
    shown = [
        (
            group["line"].number,
            group["line"].name,
            group["years"],
            [(r["indicator"].pk, r["indicator"].name, r["indicator"].specification, r["years"]) for r in group["rows"]],
        )
        for group in groups
    ]
    return digest(shown)


def digest(shown) -> str:
    return hashlib.sha256(repr(shown).encode()).hexdigest()


# ---------------------------------------------------------------------------------------------
# An area's dashboard


@dataclass
class Series:
    key: str
    label: str
    cells: list[Cell]

    @property
    def has_figures(self) -> bool:
        return any(cell.value is not None or cell.refused for cell in self.cells)


@dataclass
class Trend:
    indicator: Indicator
    years: list[int]
    series: list[Series]
    rows: list[dict] = field(default_factory=list)

    @property
    def has_area_figures(self) -> bool:
        return self.series[0].has_figures

    @cached_property
    def chart(self) -> charts.LineChart:
        """Drawn when first asked for: a page that has the rendered trend (see `fingerprint`) never draws it."""
        return charts.line_chart(
            title=str(self.indicator),
            years=self.years,
            series=[(s.key, s.label, [c.value for c in s.cells]) for s in self.series],
            unit=self.indicator.unit,
        )

    @cached_property
    def fingerprint(self) -> str:
        """A digest of everything the trend's figure shows (the indicator's texts, the years, every series'
        label and cells), so that its rendered chart and table can be kept under this key: another
        user who may see other figures, or a new import, gives another key, never a stale or foreign figure."""
        i = self.indicator
        shown = (
            i.pk, i.code, str(i), i.name, i.specification, i.unit, i.higher_is_better, self.years,
            [(s.key, s.label, [(c.year, c.value, c.refused) for c in s.cells]) for s in self.series],
        )  # fmt: skip
        return digest(shown)


def area_get(*, user, slug: str) -> Area:
    return get_object_or_404(Area.objects.visible_to(user).select_related("municipality"), slug=slug)


def area_trends(*, area: Area, user, action_lines=None, only_with_area_figures: bool = False) -> list[dict]:
    """Per action line, each indicator's trend in the area against its municipality, NPLV and NL.

    Three queries whatever the number of indicators: the values, the refusals, the indicators.
    """
    area_place = place_key(IndicatorScope.AREA, area.pk)
    municipality_place = place_key(IndicatorScope.MUNICIPALITY, municipality_id=area.municipality_id)
    places = [area_place, municipality_place, IndicatorScope.NPLV, IndicatorScope.NATIONAL]
    indicators = Indicator.objects.visible_to(user).select_related("action_line")
    if action_lines is not None:
        indicators = indicators.filter(action_line__in=action_lines)
    values = IndicatorValue.objects.visible_to(user).filter(Q(place__in=places), indicator__in=indicators.values("pk"))
    cells: dict[tuple[int, str, int], Decimal] = {}
    for indicator_id, place, year, value in values.values_list("indicator_id", "place", "year", "value"):
        cells[(indicator_id, place, year)] = value
    refused = refused_keys(places=places, indicator_ids=indicators.values("pk"))
    years = sorted({year for (_i, _p, year) in cells} | {year for (_i, _p, year) in refused})
    labels = [
        (area_place, "area", area.name),
        (municipality_place, "municipality", area.municipality.name),
        (IndicatorScope.NPLV, "nplv", str(IndicatorScope.NPLV.label)),
        (IndicatorScope.NATIONAL, "national", str(IndicatorScope.NATIONAL.label)),
    ]
    groups: dict[int, dict] = {}
    for indicator in indicators:
        series = [
            Series(
                key,
                label,
                [
                    Cell(
                        year,
                        cells.get((indicator.pk, place, year)),
                        (indicator.pk, place, year) in refused and (indicator.pk, place, year) not in cells,
                    )
                    for year in years
                ],
            )
            for place, key, label in labels
        ]
        trend = Trend(indicator, years, series)
        if not any(s.has_figures for s in series):
            continue
        if only_with_area_figures and not trend.has_area_figures:
            continue
        # Only the series that hold a figure; the area's own line always, even when still empty.
        shown = [s for i, s in enumerate(series) if i == 0 or s.has_figures]
        trend.series = shown
        trend.rows = [{"year": year, "cells": [s.cells[i] for s in shown]} for i, year in enumerate(years)]
        line = indicator.action_line
        groups.setdefault(line.number, {"line": line, "trends": []})["trends"].append(trend)
    return [groups[number] for number in sorted(groups)]


def area_indicator_lines(*, area: Area, user) -> list[int]:
    """Numbers of the action lines with area figures: what the area page shows when no intervention names one."""
    return sorted(
        set(
            IndicatorValue.objects.visible_to(user)
            .filter(area=area)
            .values_list("indicator__action_line__number", flat=True)
            .distinct()
        )
    )
