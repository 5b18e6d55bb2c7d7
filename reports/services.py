"""Every write of a report run: requesting one, scheduling a period's runs, executing, failing.

A run is executed by `report_run_execute`, which may be called more than once for the same run (a
task delivered again after its worker died, a retry after an outage): it rebuilds from the database
and only the first execution to finish attaches its files and marks the run done, under a row lock.
A finished run is never executed again.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.models import Area, Municipality

from . import registry
from .models import FINISHED_STATUSES, ReportFile, ReportRun, RunStatus, Scope

logger = logging.getLogger(__name__)
MAX_ERROR_LENGTH = 4000


def _queue(run: ReportRun) -> None:
    from .tasks import report_generate

    run_id = run.pk
    transaction.on_commit(lambda: report_generate.delay(run_id))


def _clean_parameters(kind: registry.ReportKind, parameters: dict) -> tuple[str, dict]:
    """The period and the parameters of a run a user asks for, checked."""
    today = timezone.localdate()
    if kind.code == "area_quarterly":
        try:
            year, quarter = int(parameters["year"]), int(parameters["quarter"])
        except (KeyError, TypeError, ValueError):
            raise ValidationError(_("Rapportageregel: kies een jaar en een kwartaal.")) from None
        if quarter not in (1, 2, 3, 4) or not 2022 <= year <= today.year:
            raise ValidationError(_("Rapportageregel: het kwartaal ligt tussen 2022 en nu (kwartaal 1 tot en met 4)."))
        return registry.quarter_period(year, quarter), {"year": year, "quarter": quarter}
    if kind.code == "national_yearly":
        try:
            year = int(parameters["year"])
        except (KeyError, TypeError, ValueError):
            raise ValidationError(_("Rapportageregel: kies een jaar.")) from None
        if not 2022 <= year <= today.year:
            raise ValidationError(_("Rapportageregel: het jaar ligt tussen 2022 en nu."))
        return str(year), {"year": year}
    return kind.scheduled_period(today)


@transaction.atomic
def report_run_request(*, kind: str, actor, parameters: dict, area: Area | None = None) -> ReportRun:
    """A user starts a report from a page. Area reports for those who may see the area; nationwide
    reports for the nationwide roles. Queued after commit."""
    try:
        report_kind = registry.get_kind(kind)
    except LookupError:
        raise ValidationError(_("Rapportageregel: deze soort rapportage bestaat niet.")) from None
    if not report_kind.startable:
        raise ValidationError(_("Rapportageregel: deze taak start alleen volgens schema."))
    if report_kind.scope == Scope.AREA and area is None:
        raise ValidationError(_("Rapportageregel: kies een gebied."))
    if report_kind.scope != Scope.AREA:
        area = None
    if not actor.has_perm("reports.start_report", area):
        raise PermissionDenied(_("U mag deze rapportage niet starten."))
    period, cleaned = _clean_parameters(report_kind, parameters)
    run = ReportRun.objects.create(
        kind=kind, period=period, scope=report_kind.scope, area=area, parameters=cleaned, requested_by=actor
    )
    _queue(run)
    return run


@transaction.atomic
def list_export_request(*, actor, path: str, query: str) -> ReportRun:
    """Export a list page in the background: the same export view, as the actor, into a file that
    only the actor may download."""
    from .kinds import exports

    fmt = exports.export_format(path, query)
    if fmt is None:
        raise ValidationError(_("Exportregel: deze pagina kan niet op de achtergrond worden geëxporteerd."))
    if not actor.is_authenticated:
        raise PermissionDenied
    area = None if actor.sees_all_areas else actor.area
    if area is None and not actor.sees_all_areas:
        raise PermissionDenied(_("U mag deze lijst niet exporteren."))
    run = ReportRun.objects.create(
        kind=exports.LIST_EXPORT,
        period=timezone.localdate().isoformat(),
        scope=Scope.AREA if area else Scope.NATIONAL,
        area=area,
        parameters=exports.parameters_for(path, query),
        requested_by=actor,
        requester_only=True,
    )
    _queue(run)
    return run


def _places(kind: registry.ReportKind, options: dict) -> list[dict]:
    if kind.scope == Scope.AREA:
        areas = Area.objects.filter(is_synthetic=False).order_by("pk")
        if options.get("areas"):
            areas = areas.filter(slug__in=options["areas"])
        return [{"area": a} for a in areas]
    if kind.scope == Scope.MUNICIPALITY:
        return [{"municipality": m} for m in Municipality.objects.order_by("pk")]
    return [{}]


def report_runs_schedule(*, kind: str, day: date, options: dict | None = None) -> list[ReportRun]:
    """Beat's entry point: create this period's runs of a kind (one per area for area reports) and
    queue them. Safe to call twice for the same period (beat firing again, two beat processes): the
    unique constraints let only the first create a run, and only a created run is queued."""
    options = dict(options or {})
    report_kind = registry.get_kind(kind)
    period, parameters = report_kind.scheduled_period(day)
    # Options from the schedule (the reminder days, for instance) travel with the run.
    parameters.update({k: v for k, v in options.items() if k != "areas"})
    created = []
    for place in _places(report_kind, options):
        try:
            with transaction.atomic():
                run = ReportRun.objects.create(
                    kind=kind,
                    period=period,
                    scope=report_kind.scope,
                    parameters=parameters,
                    is_scheduled=True,
                    **place,
                )
                _queue(run)
        except IntegrityError:
            continue
        created.append(run)
    return created


def _save_progress(run_id: int):
    def save(done: int, total: int) -> None:
        ReportRun.objects.filter(pk=run_id).update(
            progress_done=min(done, total) if total else done, progress_total=total
        )

    return save


def report_run_execute(*, run_id: int) -> ReportRun:
    """Build the run's files and mark it done; a finished run is left as it is."""
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().get(pk=run_id)
        if run.status in FINISHED_STATUSES:
            return run
        run.status = RunStatus.RUNNING
        run.attempts += 1
        run.started_at = timezone.now()
        run.progress_done = 0
        run.save(update_fields=["status", "attempts", "started_at", "progress_done"])
    run = ReportRun.objects.select_related("area__municipality", "municipality").get(pk=run_id)
    context = registry.RunContext(run=run, on_progress=_save_progress(run_id))
    registry.get_kind(run.kind).build(context)
    now = timezone.now()
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().get(pk=run_id)
        if run.status in FINISHED_STATUSES:
            # Another delivery of the same task finished first; its files stand.
            return run
        expires = now + timedelta(days=settings.NPLV_REPORT_FILE_DAYS)
        for generated in context.files:
            report_file = ReportFile(
                run=run,
                format=generated.format,
                name=generated.name,
                size=len(generated.content),
                created_at=now,
                expires_at=expires,
            )
            report_file.file.save(generated.name, ContentFile(generated.content), save=False)
            report_file.save()
        run.status = RunStatus.DONE
        run.finished_at = now
        run.error = ""
        run.result = context.result
        run.progress_total = max(context.total, context.done)
        run.progress_done = run.progress_total
        run.save(update_fields=["status", "finished_at", "error", "result", "progress_total", "progress_done"])
    return run


def _error_text(error: BaseException | str) -> str:
    text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    return text[:MAX_ERROR_LENGTH]


def report_run_retry_noted(*, run_id: int, error: BaseException | str, countdown: int) -> None:
    """Between attempts the run waits in the queue again, with the last error to show why."""
    ReportRun.objects.filter(pk=run_id).exclude(status__in=FINISHED_STATUSES).update(
        status=RunStatus.QUEUED,
        error=_("Poging mislukt, nieuwe poging over %(seconds)s seconden: %(error)s")
        % {"seconds": countdown, "error": _error_text(error)},
    )


def report_run_fail(*, run_id: int, error: BaseException | str) -> None:
    """The end of the road: the run shows as failed, with the error, never silently."""
    updated = (
        ReportRun.objects.filter(pk=run_id)
        .exclude(status=RunStatus.DONE)
        .update(status=RunStatus.FAILED, finished_at=timezone.now(), error=_error_text(error))
    )
    if updated:
        logger.error("Report run %s failed: %s", run_id, _error_text(error))


@transaction.atomic
def report_run_restart(*, run: ReportRun, actor) -> ReportRun:
    """The national team starts a failed run again (from the admin)."""
    if not actor.has_perm("reports.restart_reportrun", run):
        raise PermissionDenied(_("U mag deze run niet opnieuw starten."))
    run = ReportRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.FAILED:
        raise ValidationError(_("Rapportageregel: alleen een mislukte run kan opnieuw starten."))
    run.status = RunStatus.QUEUED
    run.finished_at = None
    run.save(update_fields=["status", "finished_at"])
    _queue(run)
    return run


def heartbeat_record(*, name: str = "beat") -> None:
    from .models import Heartbeat

    Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})
