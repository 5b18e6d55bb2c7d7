"""Demo data for reports: tonight's budget snapshot and last quarter's report of two areas, so that
the history pages and the trend table are not empty after `make run`. Idempotent."""

from __future__ import annotations

from django.utils import timezone

from reports import services
from reports.models import ReportRun, RunStatus


def demo_reports(*, areas=("amsterdam-nieuw-west", "rotterdam-zuid")) -> int:
    """Returns how many runs were made now (none the second time)."""
    today = timezone.localdate()
    made = 0
    for kind, options in (("budget_snapshot", {}), ("area_quarterly", {"areas": list(areas)})):
        for run in services.report_runs_schedule(kind=kind, day=today, options=options):
            # Built here and now, whether or not a worker is running.
            if ReportRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).exists():
                services.report_run_execute(run_id=run.pk)
            made += 1
    return made
