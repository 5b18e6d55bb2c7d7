"""Figures of the yearly national report for `make bench`: time, the bare SQL aggregates it
contains, and peak Python memory. Called by `nplv.bench` inside its measuring process."""

from __future__ import annotations

import time
import tracemalloc

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from . import selectors
from .kinds.national import NATIONAL_YEARLY
from .models import ReportRun, Scope
from .registry import RunContext, get_kind


def _build(year: int) -> RunContext:
    run = ReportRun(kind=NATIONAL_YEARLY, scope=Scope.NATIONAL, parameters={"year": year})
    context = RunContext(run=run)
    get_kind(NATIONAL_YEARLY).build(context)
    return context


def measure_national_report() -> dict:
    year = timezone.localdate().year - 1
    _build(year)  # warm up
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        context = _build(year)
    total = time.perf_counter() - started
    started = time.perf_counter()
    selectors.national_monitor()
    selectors.money_table(area_ids=None)
    selectors.area_sections(year=year)
    aggregates = time.perf_counter() - started
    tracemalloc.start()
    _build(year)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "total_ms": total * 1000,
        "aggregates_ms": aggregates * 1000,
        "queries": len(queries.captured_queries),
        "peak_mib": peak / 2**20,
        "pdf_kib": sum(len(f.content) for f in context.files if f.format == "pdf") / 1024,
        "areas": context.result.get("areas", 0),
    }
