"""`make bench`: the main pages and API lists at 1× (the 20 real areas) and 50× scale.

For each scale a fresh SQLite database is built in a temporary folder (`load_demo_data --scale N`,
timed), then every URL is requested in-process through Django's test client as the national team
(who sees all areas), and compared with a bare SQL query that fetches the same first page of rows.
Figures are medians over repeated requests; the report is printed and written to var/bench.md.

    python -m nplv.bench [--scales 1 50] [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# url → the bare SQL that reads the same first page of rows
CASES = [
    (
        "/",
        "SELECT a.id, a.name, m.name FROM areas_area a JOIN areas_municipality m ON m.id = a.municipality_id "
        "WHERE NOT a.is_synthetic ORDER BY a.name",
    ),
    (
        "/gebieden/",
        "SELECT a.id, a.name, m.name FROM areas_area a JOIN areas_municipality m "
        "ON m.id = a.municipality_id ORDER BY a.name LIMIT 50",
    ),
    (
        "/interventies/",
        "SELECT i.id, i.title, a.name FROM interventions_intervention i JOIN areas_area a "
        "ON a.id = i.area_id ORDER BY a.name, i.title LIMIT 50",
    ),
    (
        "/middelen/aanvragen/",
        "SELECT p.id, p.reference, a.name FROM funding_application p JOIN areas_area a "
        "ON a.id = p.area_id ORDER BY p.created_at DESC LIMIT 50",
    ),
    (
        "/api/v1/areas/",
        "SELECT a.id, a.name, m.name FROM areas_area a JOIN areas_municipality m "
        "ON m.id = a.municipality_id ORDER BY a.name LIMIT 50",
    ),
    (
        "/api/v1/ceilings/",
        "SELECT c.id, c.amount, a.slug, t.name FROM funding_ceiling c JOIN areas_area a "
        "ON a.id = c.area_id JOIN funding_theme t ON t.id = c.theme_id LIMIT 50",
    ),
    (
        "/allianties/",
        "SELECT l.id, l.name, a.name FROM alliances_alliance l JOIN areas_area a ON a.id = l.area_id "
        "ORDER BY a.name LIMIT 50",
    ),
    (
        "/knelpunten/",
        "SELECT b.id, b.title, a.name FROM alliances_bottleneck b JOIN areas_area a "
        "ON a.id = b.area_id ORDER BY b.signalled_on DESC LIMIT 50",
    ),
    (
        "/interventies/bibliotheek/",
        "SELECT i.id, i.title, a.name FROM interventions_intervention i JOIN areas_area a "
        "ON a.id = i.area_id WHERE i.status <> 'idea' ORDER BY i.title LIMIT 50",
    ),
    (
        "/monitor/",
        "SELECT v.indicator_id, v.year, v.scope, v.value FROM monitoring_indicatorvalue v WHERE v.area_id IS NULL",
    ),
    ("/api/v1/alliances/", "SELECT l.id, l.name FROM alliances_alliance l ORDER BY l.id LIMIT 50"),
    ("/api/v1/interventions/", "SELECT i.id, i.title FROM interventions_intervention i ORDER BY i.id LIMIT 50"),
    ("/api/v1/applications/", "SELECT p.id, p.reference FROM funding_application p ORDER BY p.id LIMIT 50"),
]

# Downloads of whole lists: time and peak Python memory (tracemalloc) while the file is produced.
EXPORTS = [
    "/interventies/export.csv",
    "/interventies/export.xlsx",
    "/knelpunten/export.csv",
    "/middelen/aanvragen/?export=csv",
]


def measure(repeat: int) -> list[tuple[str, float, float, int]]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nplv.settings")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username="programmateam"))
    rows = []
    for url, sql in CASES:
        client.get(url)  # warm up
        page_times = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            page_times.append(time.perf_counter() - started)
            assert response.status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        sql_times = []
        for _ in range(repeat):
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql)
                cursor.fetchall()
            sql_times.append(time.perf_counter() - started)
        rows.append(
            (
                url,
                statistics.median(page_times) * 1000,
                statistics.median(sql_times) * 1000,
                len(queries.captured_queries),
            )
        )
    return rows


def measure_exports() -> list[tuple[str, float, float, int]]:
    import tracemalloc

    from django.test import Client

    from accounts.models import User

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username="programmateam"))
    rows = []

    def download(url: str) -> int:
        response = client.get(url)
        assert response.status_code == 200, url
        return sum(len(c) for c in response.streaming_content) if response.streaming else len(response.content)

    for url in EXPORTS:
        started = time.perf_counter()
        size = download(url)
        seconds = time.perf_counter() - started
        # Memory in a second run: tracemalloc slows Python down, so it is kept out of the timing.
        tracemalloc.start()
        download(url)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append((url, seconds * 1000, peak / 2**20, size))
    return rows


def run_scale(scale: int, repeat: int) -> str:
    with tempfile.TemporaryDirectory(prefix=f"nplv-bench-{scale}x-") as var:
        env = {**os.environ, "NPLV_VAR_DIR": var}
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "load_demo_data", "--scale", str(scale), "--quiet-logins"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        load_seconds = time.perf_counter() - started
        result = subprocess.run(
            [sys.executable, "-m", "nplv.bench", "--measure", "--repeat", str(repeat)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    lines = [
        f"### {scale}× ({scale * 20} areas) — demo data loaded in {load_seconds:.1f} s",
        "",
        "| URL | page (ms, median) | bare SQL (ms) | queries |",
        "|---|---:|---:|---:|",
    ]
    lines += [line for line in result.stdout.splitlines() if line.startswith("| ")]
    lines += ["", "| download | time (ms) | peak Python memory (MiB) | size (KiB) |", "|---|---:|---:|---:|"]
    lines += [line[1:] for line in result.stdout.splitlines() if line.startswith("|| ") and not line.startswith("||| ")]
    lines += [
        "",
        "| national report: areas | build (ms) | of which SQL aggregates (ms) | queries | peak Python memory (MiB) | PDF (KiB) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [line[2:] for line in result.stdout.splitlines() if line.startswith("||| ")]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 50])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        for url, page_ms, sql_ms, queries in measure(args.repeat):
            print(f"| `{url}` | {page_ms:.1f} | {sql_ms:.2f} | {queries} |")
        for url, ms, peak_mib, size in measure_exports():
            print(f"|| `{url}` | {ms:.0f} | {peak_mib:.1f} | {size / 1024:.0f} |")
        from reports.bench import measure_national_report

        r = measure_national_report()
        print(f"||| {r['areas']} | {r['total_ms']:.0f} | {r['aggregates_ms']:.0f} | {r['queries']} | {r['peak_mib']:.1f} | {r['pdf_kib']:.0f} |")
        return
    report = "\n\n".join(run_scale(scale, args.repeat) for scale in args.scales)
    print(report)
    out = ROOT / "var" / "bench.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report + "\n")
    print(f"\n(written to {out})")


if __name__ == "__main__":
    main()
