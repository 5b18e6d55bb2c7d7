"""Import speed: validated rows per second for a 100,000-row file, peak memory, and the bare insert.

Times are CPU seconds of the process (SQLite runs in it), so that a busy machine does not blur the
comparison. Called by `nplv.bench` inside its measuring process (a database with demo data at 50×, 1,000 areas).
The file holds area figures (areas × indicators × years) in the Dutch Excel format: semicolons,
decimal commas, a byte-order mark. The bare comparison inserts the same rows with one `executemany`
into a table of the same shape (SQLite has no COPY; on PostgreSQL the same would be COPY).
"""

from __future__ import annotations

import time
import tracemalloc

from django.db import connection, transaction

ROWS = 100_000


class _Rollback(Exception):
    pass


def import_file(rows: int = ROWS) -> tuple[bytes, int]:
    from areas.models import Area
    from monitoring.models import Indicator

    areas = list(Area.objects.order_by("-is_synthetic", "pk").values_list("slug", flat=True))
    indicators = list(Indicator.objects.order_by("code").values_list("code", "partition_id"))
    lines = ["\ufeffindicator_code;jaar;gebied;waarde"]
    count = 0
    for slug in areas:
        for code, partition_id in indicators:
            for year in range(2018, 2025):
                # Shares of a whole stay small, so that every row passes every rule.
                value = 5 + (count % 7) if partition_id else (count * 37) % 10000 / 100
                lines.append(f"{code};{year};{slug};{str(value).replace('.', ',')}")
                count += 1
                if count == rows:
                    return ("\n".join(lines) + "\n").encode("utf-8"), count
    return ("\n".join(lines) + "\n").encode("utf-8"), count


def measure_import(rows: int = ROWS) -> list[tuple[str, float, float, int]]:
    """(what, seconds, peak MiB, rows) for checking, loading and the bare insert. Nothing is kept."""
    from accounts.models import User
    from areas.models import Area
    from monitoring.importer import Catalogue, validate
    from monitoring.services import import_commit, import_preview

    data, count = import_file(rows)
    user = User.objects.get(username="programmateam")
    results = []

    started = time.process_time()
    validation = validate(data, "csv", catalogue=Catalogue.load())
    check_seconds = time.process_time() - started
    assert not validation.problems, validation.problems[:3]
    tracemalloc.start()
    validate(data, "csv", catalogue=Catalogue.load())
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    results.append(("check (preview)", check_seconds, peak / 2**20, count))

    try:
        with transaction.atomic():
            started = time.process_time()
            run = import_preview(data=data, name="bench.csv", actor=user)
            preview_seconds = time.process_time() - started
            started = time.process_time()
            run = import_commit(run=run, actor=user)
            seconds = time.process_time() - started
            assert run.created + run.updated + run.unchanged == count, (run.created, count)
            results.append(("preview page (check, keep the file)", preview_seconds, 0.0, count))
            results.append(("load (check again, then upsert)", seconds, 0.0, count))
            raise _Rollback
    except _Rollback:
        pass

    # The same rows, inserted by the database alone into the same table (same indexes), no checks.
    from monitoring.models import Indicator, IndicatorValue

    area_ids = dict(Area.objects.values_list("slug", "pk"))
    indicator_ids = dict(Indicator.objects.values_list("code", "pk"))
    values = []
    for line in data.decode("utf-8-sig").splitlines()[1:]:
        code, year, slug, value = line.split(";")
        area_id = area_ids[slug]
        values.append((indicator_ids[code], "area", area_id, f"a{area_id}", int(year), value.replace(",", ".")))
    table = IndicatorValue._meta.db_table
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                started = time.process_time()
                cursor.executemany(
                    f"INSERT INTO {table} (indicator_id, scope, area_id, place, year, value, is_public, source) "  # noqa: S608
                    "VALUES (%s, %s, %s, %s, %s, %s, false, '')",
                    values,
                )
                seconds = time.process_time() - started
            results.append(("bare INSERT of the same rows (executemany)", seconds, 0.0, count))
            raise _Rollback
    except _Rollback:
        pass
    return results
