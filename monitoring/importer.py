"""Import of the national monitor (NPLV average against the Dutch average, per indicator per year).

The table in `data/nplv_monitor_2018_2024.csv` is the one published in the 2025 progress report, and
it was published with errors. The importer does not load a figure it can show to be wrong: every
figure passes the checks below, or it is refused and reported with the rule it breaks. Nothing is
corrected silently; a refused figure stays empty until someone who knows the source fixes it.

Checks, per column (NPLV and NL) and year:
1. a percentage lies between 0 and 100;
2. the parts of one whole add up to 100 (school advice, housing stock, length of residence), within
   rounding (the published parts are rounded: 0.5 point per part is allowed);
3. middle- plus high-income households are at most 100% of households, and there are more
   middle-income households (60–200% of the median income) than high-income ones (over 200%).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from areas.models import ActionLine
from core.reference import upsert

from .models import Indicator, IndicatorScope, IndicatorValue

MONITOR_CSV = Path(__file__).resolve().parent / "data" / "nplv_monitor_2018_2024.csv"
COLUMNS = {"gem_nplv_pct": IndicatorScope.NPLV, "gem_nl_pct": IndicatorScope.NATIONAL}
COLUMN_LABELS = {IndicatorScope.NPLV: "NPLV", IndicatorScope.NATIONAL: "NL"}
HUNDRED = Decimal("100")

# Series whose codes share a prefix and together make up one whole.
WHOLES = {
    "schooladvies_": gettext_lazy("definitief schooladvies (alle adviezen samen)"),
    "woningvoorraad_": gettext_lazy("samenstelling woningvoorraad (koop, particuliere huur, corporatiehuur)"),
    "woonduur_": gettext_lazy("woonduur (alle duurklassen samen)"),
}
PART_TOLERANCE = Decimal("0.5")
INCOME_MIDDLE, INCOME_HIGH = "inkomen_midden", "inkomen_hoog"


@dataclass(frozen=True)
class Refusal:
    code: str
    year: int
    column: str
    value: Decimal
    rule: str

    def __str__(self) -> str:
        return f"{self.code} {self.year} {COLUMN_LABELS[self.column]} = {self.value}: {self.rule}"


@dataclass
class MonitorReport:
    loaded: int = 0
    unchanged: int = 0
    blank: int = 0
    refused: list[Refusal] = field(default_factory=list)


def _parse(value: str) -> Decimal | None:
    value = value.strip()
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise ValueError(f"'{value}' is geen getal") from error


def read_monitor(path: Path = MONITOR_CSV) -> tuple[dict[str, dict], dict[tuple[str, int, str], Decimal], int]:
    """Indicators by code, figures by (code, year, scope), and the number of blank cells."""
    indicators: dict[str, dict] = {}
    figures: dict[tuple[str, int, str], Decimal] = {}
    blank = 0
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["indicator_code"].strip()
            indicators.setdefault(
                code,
                {
                    "action_line": int(row["actielijn"]),
                    "name": row["indicator"].strip(),
                    "specification": row["specificatie"].strip(),
                },
            )
            for column, scope in COLUMNS.items():
                value = _parse(row[column])
                if value is None:
                    blank += 1
                else:
                    figures[(code, int(row["jaar"]), scope)] = value
    return indicators, figures, blank


def check_figures(figures: dict[tuple[str, int, str], Decimal]) -> list[Refusal]:
    """Every figure that breaks a rule, with the rule in words. Pure: reads nothing else."""
    refusals: dict[tuple[str, int, str], Refusal] = {}

    def refuse(code, year, scope, rule):
        key = (code, year, scope)
        refusals.setdefault(key, Refusal(code, year, scope, figures[key], rule))

    for (code, year, scope), value in figures.items():
        if not Decimal("0") <= value <= HUNDRED:
            refuse(code, year, scope, _("een percentage ligt tussen 0 en 100"))

    parts: dict[tuple[str, int, str], list[str]] = defaultdict(list)
    for code, year, scope in figures:
        for prefix in WHOLES:
            if code.startswith(prefix):
                parts[(prefix, year, scope)].append(code)
    for (prefix, year, scope), codes in parts.items():
        total = sum((figures[(code, year, scope)] for code in codes), Decimal("0"))
        if abs(total - HUNDRED) > PART_TOLERANCE * len(codes):
            outliers = [c for c in codes if not Decimal("0") <= figures[(c, year, scope)] <= HUNDRED] or codes
            rule = _("de delen van %(whole)s tellen op tot %(total)s%% in plaats van 100%%") % {
                "whole": WHOLES[prefix],
                "total": total,
            }
            for code in outliers:
                refuse(code, year, scope, rule)

    for year in {year for (_code, year, _scope) in figures}:
        for scope in COLUMNS.values():
            middle = figures.get((INCOME_MIDDLE, year, scope))
            high = figures.get((INCOME_HIGH, year, scope))
            if middle is None or high is None:
                continue
            if middle + high > HUNDRED:
                rule = _("midden- plus hoge inkomens is %(total)s%%, meer dan alle huishoudens") % {
                    "total": middle + high
                }
                refuse(INCOME_MIDDLE, year, scope, rule)
                refuse(INCOME_HIGH, year, scope, rule)
            elif middle < high:
                rule = _("minder middeninkomens (%(middle)s%%) dan hoge inkomens (%(high)s%%)") % {
                    "middle": middle,
                    "high": high,
                }
                refuse(INCOME_MIDDLE, year, scope, rule)
                refuse(INCOME_HIGH, year, scope, rule)
    return sorted(refusals.values(), key=lambda r: (r.code, r.year, r.column))


@transaction.atomic
def monitor_import(*, path: Path = MONITOR_CSV) -> MonitorReport:
    """Load the indicators and every figure that passes the checks; report the ones refused."""
    indicators, figures, blank = read_monitor(path)
    report = MonitorReport(blank=blank, refused=check_figures(figures))
    refused = {(r.code, r.year, r.column) for r in report.refused}
    lines = {line.number: line for line in ActionLine.objects.all()}
    by_code = {}
    for code, meta in indicators.items():
        by_code[code], _result = upsert(
            Indicator,
            {"code": code},
            {"action_line": lines[meta["action_line"]], "name": meta["name"], "specification": meta["specification"]},
        )
    for (code, year, scope), value in sorted(figures.items()):
        lookup = {"indicator": by_code[code], "scope": scope, "area": None, "year": year}
        if (code, year, scope) in refused:
            # A figure refused now must not linger from an earlier, less careful import.
            IndicatorValue.objects.filter(**lookup).delete()
            continue
        _obj, result = upsert(IndicatorValue, lookup, {"value": value})
        if result == "unchanged":
            report.unchanged += 1
        else:
            report.loaded += 1
    return report
