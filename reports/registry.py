"""The kinds of report and periodic job, in one registry.

A kind says what it covers (one area, one municipality, or the whole country), how a scheduled run
names its period, and how to build it. Builders receive a `RunContext`: they read the parameters,
say how many steps there are, tick them off (the progress bar) and add files. They never save the
run themselves; `reports.services.report_run_execute` does, once, under a lock.

A new kind (the SiSa export per municipality, for instance) is a module in `reports/kinds/` that
calls `register(ReportKind(...))`, listed in `reports.kinds.MODULES`; nothing else changes: the
scheduler, the pages, the downloads and the clean-up work for every registered kind.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.utils.functional import Promise

from .models import FileFormat, ReportRun, Scope


@dataclass
class GeneratedFile:
    format: str
    name: str
    content: bytes


@dataclass
class RunContext:
    """What a builder sees of its run, and where it leaves its progress and files."""

    run: ReportRun
    files: list[GeneratedFile] = field(default_factory=list)
    result: dict = field(default_factory=dict)
    on_progress: Callable[[int, int], None] | None = None
    done: int = 0
    total: int = 0

    @property
    def parameters(self) -> dict:
        return self.run.parameters

    def set_total(self, total: int) -> None:
        self.total = max(total, 0)
        self.done = 0
        self._report()

    def step(self, count: int = 1) -> None:
        self.done = min(self.done + count, self.total) if self.total else self.done + count
        self._report()
        if settings.NPLV_REPORT_STEP_DELAY:
            time.sleep(settings.NPLV_REPORT_STEP_DELAY)

    def add_file(self, format: FileFormat | str, name: str, content: bytes) -> None:
        self.files.append(GeneratedFile(format=str(format), name=name, content=content))

    def _report(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.done, self.total)


def quarter_before(day: date) -> tuple[int, int]:
    """The last full quarter before `day` (on 1 April 2026: 2026, 1)."""
    quarter = (day.month - 1) // 3 + 1
    return (day.year, quarter - 1) if quarter > 1 else (day.year - 1, 4)


def quarter_period(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def previous_quarter(day: date) -> tuple[str, dict]:
    year, quarter = quarter_before(day)
    return quarter_period(year, quarter), {"year": year, "quarter": quarter}


def previous_year(day: date) -> tuple[str, dict]:
    return str(day.year - 1), {"year": day.year - 1}


def this_day(day: date) -> tuple[str, dict]:
    return day.isoformat(), {"day": day.isoformat()}


def this_week(day: date) -> tuple[str, dict]:
    year, week, _ = day.isocalendar()
    monday = day - timedelta(days=day.weekday())
    return f"{year}-W{week:02d}", {"week_start": monday.isoformat()}


@dataclass(frozen=True)
class ReportKind:
    code: str
    label: str | Promise
    scope: str
    build: Callable[[RunContext], None]
    # For a scheduled run on a given day: its period and the parameters that go with it.
    scheduled_period: Callable[[date], tuple[str, dict]] = this_day
    # Users may start it from the reports page (the periodic jobs without files may not).
    startable: bool = False
    formats: tuple[str, ...] = ()
    description: str | Promise = ""


_KINDS: dict[str, ReportKind] = {}


def register(kind: ReportKind) -> ReportKind:
    if kind.scope not in Scope.values:
        raise ValueError(f"Unknown scope {kind.scope!r} for report kind {kind.code!r}")
    _KINDS[kind.code] = kind
    return kind


def get_kind(code: str) -> ReportKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise LookupError(f"No report kind {code!r} is registered") from None


def all_kinds() -> list[ReportKind]:
    return list(_KINDS.values())


def startable_kinds() -> list[ReportKind]:
    return [kind for kind in _KINDS.values() if kind.startable]


def kind_label(code: str) -> str:
    kind = _KINDS.get(code)
    return str(kind.label) if kind else code
