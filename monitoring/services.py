"""Every write of the monitor: an import run is previewed, then loaded (all or only the good rows) or
discarded. Figures are written nowhere else.

The import is atomic: a file with any problem loads nothing, unless the person loading it chooses
explicitly to load only the good rows; the refused cells are then recorded with the run, so that the
dashboards show them as refused. Writing uses one upsert per batch of rows, not one query per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .importer import (
    MAX_UPLOAD_BYTES,
    Catalogue,
    Figure,
    MonitorReport,
    Problem,
    Validation,
    check_upload,
    file_digest,
    good_figures,
    validate,
)
from .models import AVERAGE_SCOPES, ImportProblem, ImportRun, ImportStatus, IndicatorValue
from .rules import can_finish_import, can_import_indicators

BATCH = 2000


@dataclass
class LoadCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def read_upload(upload) -> tuple[bytes, str]:
    """The bytes of an uploaded file (at most 10 MB and one byte, enough to refuse a larger one)."""
    name = PurePath(getattr(upload, "name", "") or "import").name
    if hasattr(upload, "seek"):
        upload.seek(0)
    return upload.read(MAX_UPLOAD_BYTES + 1), name


def _problem_rows(run: ImportRun, problems: Iterable[Problem]) -> list[ImportProblem]:
    return [
        ImportProblem(
            run=run,
            line=p.line,
            column=p.column[:100],
            value=p.value[:200],
            rule=p.rule[:500],
            code=p.code,
            indicator_id=p.indicator_id,
            place=p.place or "",
            year=p.year,
        )
        for p in problems
    ]


def _set_counts(run: ImportRun, validation: Validation) -> None:
    run.rows = validation.rows
    run.bad_rows = validation.bad_rows
    run.figures = validation.figures + validation.refused_figures
    run.missing = validation.missing
    run.refused = validation.refused_figures
    run.problem_count = len(validation.problems)


def _bureau_area(actor) -> int | None:
    """The area a programme bureau's import is restricted to; None for the national team."""
    return None if actor.sees_all_areas else actor.area_id


@transaction.atomic
def import_preview(*, data: bytes, name: str, actor, is_public: bool = False) -> ImportRun:
    """Check a file and keep it with its problems as a run to be loaded or discarded. No figure is stored.

    Refuses (ValidationError) a file over 10 MB or that is not CSV or .xlsx by its content.
    """
    if not can_import_indicators(actor):
        raise PermissionDenied(_("Alleen het landelijk programmateam en programmabureaus laden monitorcijfers."))
    area_id = _bureau_area(actor)
    if not actor.sees_all_areas and area_id is None:
        raise PermissionDenied(_("Een programmabureau zonder gebied kan geen cijfers laden."))
    file_format = check_upload(data, name)
    validation = validate(data, file_format, area_id=area_id)
    run = ImportRun(
        created_by=actor,
        area_id=area_id,
        file_name=name[:255],
        file_format=file_format,
        sha256=file_digest(data),
        is_public=is_public,
    )
    _set_counts(run, validation)
    run.file.save(name, ContentFile(data), save=False)
    run.save()
    ImportProblem.objects.bulk_create(_problem_rows(run, validation.problems), batch_size=BATCH)
    return run


@transaction.atomic
def import_commit(*, run: ImportRun, actor, only_good_rows: bool = False) -> ImportRun:
    """Load a previewed run. Any problem refuses the whole file unless `only_good_rows` is chosen.

    The file is checked again: the catalogue may have changed since the preview.
    """
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if not can_finish_import(actor, run):
        raise PermissionDenied(_("U mag deze import niet laden."))
    if run.status != ImportStatus.PREVIEWED:
        raise ValidationError(
            _("Importregel: deze import is al afgerond (%(status)s).") % {"status": run.get_status_display()},
            code="import_finished",
        )
    with run.file.open("rb") as handle:
        data = handle.read()
    catalogue = Catalogue.load()
    validation = validate(data, run.file_format, catalogue=catalogue, area_id=run.area_id)
    run.problems.all().delete()
    ImportProblem.objects.bulk_create(_problem_rows(run, validation.problems), batch_size=BATCH)
    _set_counts(run, validation)
    if validation.problems and not only_good_rows:
        run.save()
        raise ValidationError(
            _(
                "Importregel: het bestand heeft %(count)s problemen; er is niets geladen. Verbeter het bestand, "
                "of kies uitdrukkelijk om alleen de goede rijen te laden."
            )
            % {"count": len(validation.problems)},
            code="import_has_problems",
        )
    counts = _load(
        run=run,
        figures=good_figures(data, run.file_format, validation, catalogue=catalogue, area_id=run.area_id),
    )
    _clear_refused(validation.problems)
    run.created, run.updated, run.unchanged = counts.created, counts.updated, counts.unchanged
    run.status = ImportStatus.PARTLY_LOADED if validation.problems else ImportStatus.LOADED
    run.finished_by = actor
    run.finished_at = timezone.now()
    run.save()
    return run


@transaction.atomic
def import_discard(*, run: ImportRun, actor) -> ImportRun:
    """Close a previewed run without loading anything."""
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if not can_finish_import(actor, run):
        raise PermissionDenied(_("U mag deze import niet afbreken."))
    if run.status != ImportStatus.PREVIEWED:
        raise ValidationError(_("Importregel: deze import is al afgerond."), code="import_finished")
    run.status = ImportStatus.DISCARDED
    run.finished_by = actor
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_by", "finished_at"])
    return run


def _load(*, run: ImportRun, figures: Iterable[Figure]) -> LoadCounts:
    counts = LoadCounts()
    batch: list[Figure] = []
    for figure in figures:
        batch.append(figure)
        if len(batch) >= BATCH:
            _write_batch(run, batch, counts)
            batch = []
    if batch:
        _write_batch(run, batch, counts)
    return counts


def _write_batch(run: ImportRun, batch: list[Figure], counts: LoadCounts) -> None:
    """Upsert one batch: one query reads what exists, one `executemany` writes what is new or changed.

    Plain SQL rather than `bulk_create`: building 100,000 model instances costs far more than the
    database's own work (see `monitoring.bench`). `INSERT … ON CONFLICT … DO UPDATE` is the same on
    SQLite and PostgreSQL; the conflict target is the plain unique constraint on (indicator, place, year).
    """
    existing = {
        (indicator_id, place, year): value
        for indicator_id, place, year, value in IndicatorValue.objects.filter(
            indicator_id__in={f.indicator_id for f in batch},
            place__in={f.place for f in batch},
            year__in={f.year for f in batch},
        ).values_list("indicator_id", "place", "year", "value")
    }
    source = run.file_name[:200]
    rows = []
    for f in batch:
        before = existing.get((f.indicator_id, f.place, f.year))
        if before is not None and before == f.value:
            counts.unchanged += 1
            continue
        if before is None:
            counts.created += 1
        else:
            counts.updated += 1
        is_public = run.is_public or f.scope in AVERAGE_SCOPES
        rows.append(
            (
                f.indicator_id,
                f.scope,
                f.area_id,
                f.municipality_id,
                f.place,
                f.year,
                f.value,  # checked: at most two decimals; the database driver adapts Decimal
                is_public,
                run.pk,
                source,
            )
        )
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(UPSERT, rows)


UPSERT = f"""
    INSERT INTO {IndicatorValue._meta.db_table}
        (indicator_id, scope, area_id, municipality_id, place, year, value, is_public, import_run_id, source)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
    ON CONFLICT (indicator_id, place, year) DO UPDATE SET
        value = excluded.value, is_public = excluded.is_public,
        import_run_id = excluded.import_run_id, source = excluded.source
"""  # noqa: S608 - the table name comes from the model, every value is a parameter


def _clear_refused(problems: list[Problem]) -> None:
    """A figure refused now must not linger from an earlier, less careful import."""
    keys = {(p.indicator_id, p.place, p.year) for p in problems if p.indicator_id and p.place and p.year}
    keys = list(keys)
    for start in range(0, len(keys), 200):
        condition = Q()
        for indicator_id, place, year in keys[start : start + 200]:
            condition |= Q(indicator_id=indicator_id, place=place, year=year)
        IndicatorValue.objects.filter(condition).delete()


@transaction.atomic
def import_reference(*, data: bytes, name: str) -> MonitorReport:
    """The published monitor as reference data: load the good figures, record the refused ones.

    No person is involved (the run has no author). An unchanged file that was loaded before leaves
    the database as it is and adds no run.
    """
    file_format = check_upload(data, name)
    catalogue = Catalogue.load()
    validation = validate(data, file_format, catalogue=catalogue)
    digest = file_digest(data)
    report = MonitorReport(blank=validation.missing, refused=_first_per_cell(validation.problems))
    figures = list(good_figures(data, file_format, validation, catalogue=catalogue))
    done_before = ImportRun.objects.filter(
        sha256=digest, status__in=[ImportStatus.LOADED, ImportStatus.PARTLY_LOADED]
    ).exists()
    if done_before and not _differs(figures) and not _refused_present(validation.problems):
        report.unchanged = len(figures)
        return report
    run = ImportRun(file_name=name, file_format=file_format, sha256=digest, is_public=True)
    _set_counts(run, validation)
    run.save()
    ImportProblem.objects.bulk_create(_problem_rows(run, validation.problems), batch_size=BATCH)
    counts = _load(run=run, figures=figures)
    _clear_refused(validation.problems)
    run.created, run.updated, run.unchanged = counts.created, counts.updated, counts.unchanged
    run.status = ImportStatus.PARTLY_LOADED if validation.problems else ImportStatus.LOADED
    run.finished_at = timezone.now()
    run.save()
    report.loaded = counts.created + counts.updated
    report.unchanged = counts.unchanged
    return report


def _first_per_cell(problems: list[Problem]) -> list[Problem]:
    seen, first = set(), []
    for problem in problems:
        if (problem.line, problem.column) not in seen:
            seen.add((problem.line, problem.column))
            first.append(problem)
    return first


def _differs(figures: list[Figure]) -> bool:
    stored = {
        (i, p, y): v
        for i, p, y, v in IndicatorValue.objects.filter(place__in={f.place for f in figures}).values_list(
            "indicator_id", "place", "year", "value"
        )
    }
    return any(stored.get((f.indicator_id, f.place, f.year)) != f.value for f in figures)


def _refused_present(problems: list[Problem]) -> bool:
    """Whether a figure that is refused now is still stored (then the load must run to remove it)."""
    condition = Q()
    for indicator_id, place, year in {(p.indicator_id, p.place, p.year) for p in problems if p.indicator_id}:
        condition |= Q(indicator_id=indicator_id, place=place, year=year)
    return bool(condition) and IndicatorValue.objects.filter(condition).exists()
