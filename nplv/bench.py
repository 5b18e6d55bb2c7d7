"""`make bench`: the main pages, API lists, admin changelists and downloads at 1× and 50× scale.

For each scale a fresh database is built and filled (`load_demo_data --scale N`, timed): SQLite in a
temporary folder, or, when `DATABASE_URL` points at PostgreSQL, a fresh database `nplv_bench_<N>x`
on that server. Every URL is then requested in-process through Django's test client as the role that
works there, and compared with the bare SQL that reads the same rows. Figures are the median and the
95th percentile over repeated requests, with the query count. Downloads are timed next to the bare SQL
of the same rows and columns (on PostgreSQL: `COPY (...) TO STDOUT WITH CSV`), with their query count and
peak Python memory, and Excel downloads next to openpyxl's own floor for the same rows.

The load run starts gunicorn (4 workers) on 127.0.0.1 against the 1× database and lets 8 concurrent
clients request a mix of main pages for a bounded time, then the trivial `/gezond/` view on the same
stack; it reports requests per second and p50/p95/p99. It uses `wrk` when installed (Debian's package)
and a Python client otherwise. The report is printed and written to var/bench.md.

    python -m nplv.bench [--scales 1 50] [--repeat 15] [--load-seconds 20] [--no-load]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent

NATIONAL = "programmateam"
REVIEWER = "beoordelaar.ocw"
BUREAU = "bureau.nieuwwest"

# (url, user, the bare SQL that reads the same rows)
CASES = [
    (
        "/",
        NATIONAL,
        "SELECT a.id, a.name, m.name FROM areas_area a JOIN areas_municipality m ON m.id = a.municipality_id "
        "WHERE NOT a.is_synthetic ORDER BY a.name",
    ),
    (
        "/",
        BUREAU,
        "SELECT i.id, i.title FROM interventions_intervention i JOIN areas_area a ON a.id = i.area_id "
        "WHERE a.slug = 'amsterdam-nieuw-west'",
    ),
    (
        "/gebieden/",
        NATIONAL,
        "SELECT a.id, a.name, m.name FROM areas_area a JOIN areas_municipality m "
        "ON m.id = a.municipality_id ORDER BY a.name LIMIT 50",
    ),
    (
        "/gebieden/amsterdam-nieuw-west/",
        BUREAU,
        "SELECT c.id, c.amount FROM funding_ceiling c JOIN areas_area a ON a.id = c.area_id "
        "WHERE a.slug = 'amsterdam-nieuw-west'",
    ),
    (
        "/interventies/",
        NATIONAL,
        "SELECT i.id, i.title, a.name FROM interventions_intervention i JOIN areas_area a "
        "ON a.id = i.area_id ORDER BY a.name, i.title LIMIT 50",
    ),
    (
        "/interventies/?page=40",
        NATIONAL,
        "SELECT i.id, i.title, a.name FROM interventions_intervention i JOIN areas_area a "
        "ON a.id = i.area_id ORDER BY a.name, i.title LIMIT 50 OFFSET 1950",
    ),
    (
        "/interventies/bibliotheek/",
        BUREAU,
        "SELECT i.id, i.title, a.name FROM interventions_intervention i JOIN areas_area a "
        "ON a.id = i.area_id WHERE i.status <> 'idea' ORDER BY i.title LIMIT 50",
    ),
    (
        "/middelen/aanvragen/",
        NATIONAL,
        "SELECT p.id, p.reference, a.name FROM funding_application p JOIN areas_area a "
        "ON a.id = p.area_id ORDER BY p.created_at DESC LIMIT 50",
    ),
    (
        "/allianties/",
        NATIONAL,
        "SELECT l.id, l.name, a.name FROM alliances_alliance l JOIN areas_area a ON a.id = l.area_id "
        "ORDER BY a.name LIMIT 50",
    ),
    (
        "/knelpunten/",
        NATIONAL,
        "SELECT b.id, b.title, a.name FROM alliances_bottleneck b JOIN areas_area a "
        "ON a.id = b.area_id ORDER BY b.signalled_on DESC LIMIT 50",
    ),
    (
        "/monitor/",
        NATIONAL,
        "SELECT v.indicator_id, v.year, v.scope, v.value FROM monitoring_indicatorvalue v WHERE v.area_id IS NULL",
    ),
    ("/api/v1/areas/", NATIONAL, "SELECT a.id, a.name FROM areas_area a ORDER BY a.name LIMIT 50"),
    (
        "/api/v1/ceilings/",
        NATIONAL,
        "SELECT c.id, c.amount, a.slug, t.name FROM funding_ceiling c JOIN areas_area a "
        "ON a.id = c.area_id JOIN funding_theme t ON t.id = c.theme_id LIMIT 50",
    ),
    ("/api/v1/alliances/", NATIONAL, "SELECT l.id, l.name FROM alliances_alliance l ORDER BY l.id LIMIT 50"),
    (
        "/api/v1/interventions/",
        NATIONAL,
        "SELECT i.id, i.title FROM interventions_intervention i ORDER BY i.id LIMIT 50",
    ),
    ("/api/v1/applications/", NATIONAL, "SELECT p.id, p.reference FROM funding_application p ORDER BY p.id LIMIT 50"),
    (
        "/api/v1/application-lines/",
        NATIONAL,
        "SELECT l.id, l.amount FROM funding_applicationline l ORDER BY l.id LIMIT 50",
    ),
    (
        "/api/v1/application-lines/",
        REVIEWER,
        "SELECT l.id, l.amount FROM funding_applicationline l JOIN funding_theme t ON t.id = l.theme_id "
        "WHERE t.ministry = 'OCW' ORDER BY l.id LIMIT 50",
    ),
    ("/api/schema/", NATIONAL, "SELECT 1"),
    (
        "/admin/funding/applicationline/",
        REVIEWER,
        "SELECT l.id, l.amount FROM funding_applicationline l JOIN funding_theme t ON t.id = l.theme_id "
        "WHERE t.ministry = 'OCW' ORDER BY l.id DESC LIMIT 50",
    ),
    (
        "/admin/funding/application/",
        NATIONAL,
        "SELECT p.id, p.reference FROM funding_application p ORDER BY p.id DESC LIMIT 50",
    ),
    (
        "/admin/interventions/intervention/",
        NATIONAL,
        "SELECT i.id, i.title FROM interventions_intervention i ORDER BY i.id DESC LIMIT 50",
    ),
    (
        "/monitor/gebied/amsterdam-nieuw-west/",
        BUREAU,
        "SELECT v.indicator_id, v.year, v.place, v.value FROM monitoring_indicatorvalue v "
        "WHERE v.place IN ('nplv', 'national') OR v.area_id = 1",
    ),
    (
        "/api/v1/indicator-values/",
        NATIONAL,
        "SELECT v.id, v.value FROM monitoring_indicatorvalue v ORDER BY v.id LIMIT 50",
    ),
]

# Downloads of whole lists, as the national team: (url, the bare SQL of the same rows and columns).
# The SQL joins the same labels (area, action line, theme, organisation, person, municipality, scheme)
# and sums the same money as the download, grouped once; choice fields stay codes (their labels are
# translations, looked up in Python once per export), and the interventions' totals row is the last row.
_SPUK_PER_INTERVENTION = (
    "SELECT li.intervention_id, SUM(l.amount) AS requested, SUM(l.granted_amount) AS granted "
    "FROM funding_applicationline_interventions li JOIN funding_applicationline l ON l.id = li.applicationline_id "
    "JOIN funding_application p ON p.id = l.application_id WHERE p.status NOT IN ('withdrawn', 'rejected') "
    "GROUP BY li.intervention_id"
)
_INTERVENTIONS_EXPORT = (
    "SELECT * FROM (SELECT a.name, i.title, al.number, t.name AS theme, i.status, i.target_group, i.age_min, i.age_max, "
    "o.name AS lead, i.start_date, i.end_date, i.evidence_level, i.planned_budget, COALESCE(s.requested, 0), "
    "COALESCE(s.granted, 0), COALESCE(f.total, 0) FROM interventions_intervention i "
    "JOIN areas_area a ON a.id = i.area_id JOIN areas_actionline al ON al.id = i.action_line_id "
    "LEFT JOIN funding_interventiontheme it ON it.intervention_id = i.id "
    "LEFT JOIN funding_theme t ON t.id = it.theme_id "
    "LEFT JOIN alliances_organisation o ON o.id = i.lead_organisation_id "
    f"LEFT JOIN ({_SPUK_PER_INTERVENTION}) s ON s.intervention_id = i.id "
    "LEFT JOIN (SELECT intervention_id, SUM(amount) AS total FROM interventions_otherfunding "
    "GROUP BY intervention_id) f ON f.intervention_id = i.id ORDER BY a.name, i.title, i.id) rows "
    "UNION ALL SELECT 'Totaal', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
    "(SELECT SUM(planned_budget) FROM interventions_intervention), "
    "SUM(l.amount), SUM(l.granted_amount), (SELECT SUM(amount) FROM interventions_otherfunding) "
    "FROM funding_applicationline l JOIN funding_application p ON p.id = l.application_id "
    "WHERE p.status NOT IN ('withdrawn', 'rejected') "
    "AND l.id IN (SELECT applicationline_id FROM funding_applicationline_interventions)"
)
EXPORTS = [
    ("/interventies/export.csv", _INTERVENTIONS_EXPORT),
    ("/interventies/export.xlsx", _INTERVENTIONS_EXPORT),
    (
        "/knelpunten/export.csv",
        "SELECT a.name, b.title, b.regulation, al.number || '. ' || al.name, b.status, pe.name, b.signalled_on, "
        "b.description, b.resolution FROM alliances_bottleneck b JOIN areas_area a ON a.id = b.area_id "
        "JOIN areas_actionline al ON al.id = b.action_line_id LEFT JOIN alliances_membership m ON m.id = b.owner_id "
        "LEFT JOIN alliances_person pe ON pe.id = m.person_id ORDER BY b.signalled_on DESC, b.id",
    ),
    (
        "/middelen/aanvragen/?export=csv",
        "SELECT p.reference, a.name, m.name, m.cbs_code, s.name, p.status, date(p.submitted_at), "
        "COALESCE(t.requested, 0), CASE WHEN p.status IN ('granted', 'partly_granted', 'rejected') "
        "THEN COALESCE(t.granted, 0) END FROM funding_application p JOIN areas_area a ON a.id = p.area_id "
        "JOIN areas_municipality m ON m.id = a.municipality_id JOIN funding_scheme s ON s.id = p.scheme_id "
        "LEFT JOIN (SELECT application_id, SUM(amount) AS requested, SUM(granted_amount) AS granted "
        "FROM funding_applicationline GROUP BY application_id) t ON t.application_id = p.id "
        "ORDER BY p.created_at DESC, p.id",
    ),
]

# Accounting: the SiSa export for all municipalities and the national money overview, next to the bare
# SQL aggregate of the same figures (goal: within 2×), with peak Python memory.
_OLD = "(SELECT id FROM funding_scheme WHERE code = 'spuk-kw-2023-2025')"
AGGREGATES = [
    (
        "/middelen/sisa/?regeling=spuk-kw-2023-2025&jaar=2025&export=csv",
        "SELECT a.municipality_id, l.theme_id, r.year, SUM(l.amount) FROM funding_spendingline l "
        "JOIN funding_spendingreport r ON r.id = l.report_id JOIN funding_application p ON p.id = r.application_id "
        f"JOIN areas_area a ON a.id = p.area_id WHERE r.status = 'accepted' AND r.year <= 2025 AND p.scheme_id = {_OLD} "
        "GROUP BY a.municipality_id, l.theme_id, r.year",
    ),
    (
        "/middelen/geld/?regeling=spuk-kw-2023-2025",
        f"SELECT l.application_id, l.theme_id, l.year, SUM(l.granted_amount) FROM funding_applicationline l "
        f"JOIN funding_application p ON p.id = l.application_id WHERE p.scheme_id = {_OLD} "
        "GROUP BY l.application_id, l.theme_id, l.year UNION ALL "
        "SELECT r.application_id, l.theme_id, r.year, SUM(l.amount) FROM funding_spendingline l "
        "JOIN funding_spendingreport r ON r.id = l.report_id JOIN funding_application p ON p.id = r.application_id "
        f"WHERE r.status IN ('submitted', 'accepted') AND p.scheme_id = {_OLD} GROUP BY r.application_id, l.theme_id, r.year",
    ),
]

# The page mix of the load run (as the national team) and the trivial view it is compared with.
LOAD_MIX = [
    "/",
    "/gebieden/",
    "/interventies/",
    "/middelen/aanvragen/",
    "/allianties/",
    "/knelpunten/",
    "/monitor/",
    "/api/v1/interventions/",
    "/api/v1/applications/",
    "/gebieden/amsterdam-nieuw-west/",
]
TRIVIAL = ["/gezond/"]


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `pct`% of the values at or below it
    (p95 of 20 timings is the 19th, so one stray pause is not the p95; of fewer than 20 it is the maximum)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(pct / 100 * len(ordered)) - 1))
    return ordered[index]


# ---------------------------------------------------------------------------------------------
# In-process measurements (run in a child process whose environment points at the bench database)


def _setup_django():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nplv.settings")
    django.setup()


def _client_for(username: str):
    from django.test import Client

    from accounts.models import User

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username=username))
    return client


def measure(repeat: int) -> list[dict]:
    _setup_django()
    import gc

    gc.collect()
    gc.freeze()  # as each gunicorn worker does after start-up (gunicorn.conf.py)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients: dict[str, object] = {}
    rows = []
    for url, username, sql in CASES:
        client = clients.setdefault(username, _client_for(username))
        client.get(url)  # warm up
        page_times = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            page_times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, username, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        sql_times = []
        for _ in range(repeat):
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql)
                cursor.fetchall()
            sql_times.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "url": url,
                "user": username,
                "median": statistics.median(page_times),
                "p95": percentile(page_times, 95),
                "sql": statistics.median(sql_times),
                "queries": len(queries.captured_queries),
            }
        )
    return rows


def _bare_export_ms(sql: str) -> float:
    """The same rows written as CSV by the database itself (PostgreSQL COPY) or by a plain cursor."""
    import csv
    import io

    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH CSV HEADER") as copy:  # noqa: S608 (constant SQL)
                for _block in copy:
                    pass
        else:
            cursor.execute(sql)
            writer = csv.writer(io.StringIO())
            for row in cursor.fetchall():
                writer.writerow(row)
    return (time.perf_counter() - started) * 1000


def _excel_floor_ms(sql: str) -> float:
    """The library floor of an Excel download: openpyxl's write-only mode writing the same rows, already
    fetched into a list, to a temporary file, with nothing else (no Django, no queries)."""
    from django.db import connection
    from openpyxl import Workbook

    with connection.cursor() as cursor:
        cursor.execute(sql)
        fetched = cursor.fetchall()
    started = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in fetched:
        sheet.append(row)
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
    return (time.perf_counter() - started) * 1000


def measure_exports(repeat: int = 5) -> list[dict]:
    """Each download (median of `repeat`) next to the COPY of the same rows and columns (median of
    `repeat`), its query count, and for Excel the library floor (median of `repeat`)."""
    _setup_django()
    import tracemalloc

    from django.db import connection

    client = _client_for(NATIONAL)
    rows = []

    def download(url: str) -> int:
        response = client.get(url)
        assert response.status_code == 200, url
        return sum(len(c) for c in response.streaming_content) if response.streaming else len(response.content)

    for url, sql in EXPORTS:
        download(url)  # warm up
        times, bare = [], []
        for _ in range(repeat):  # alternately, so that both see the same load on a shared machine
            started = time.perf_counter()
            size = download(url)
            times.append((time.perf_counter() - started) * 1000)
            bare.append(_bare_export_ms(sql))
        queries: list[str] = []

        def count(execute, sql, *args, queries=queries):
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            download(url)
        excel = "xlsx" in url
        floor = statistics.median(_excel_floor_ms(sql) for _ in range(repeat)) if excel else None
        # Memory in a separate run: tracemalloc slows Python down, so it is kept out of the timing.
        tracemalloc.start()
        download(url)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append(
            {
                "url": url,
                "ms": statistics.median(times),
                "bare": statistics.median(bare),
                "floor": floor,
                "queries": len(queries),
                "peak_mib": peak / 2**20,
                "kib": size / 1024,
            }
        )
    return rows


def measure_aggregates(repeat: int) -> list[dict]:
    """Pages and downloads that add money up (SiSa, money overview) next to the bare SQL aggregate."""
    _setup_django()
    import tracemalloc

    from django.db import connection

    client = _client_for(NATIONAL)

    def fetch(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            for _chunk in response.streaming_content:
                pass

    rows = []
    for url, sql in AGGREGATES:
        fetch(url)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            fetch(url)
            times.append((time.perf_counter() - started) * 1000)
        sql_times = []
        for _ in range(repeat):
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql)
                cursor.fetchall()
            sql_times.append((time.perf_counter() - started) * 1000)
        tracemalloc.start()
        fetch(url)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append(
            {"url": url, "ms": statistics.median(times), "bare": statistics.median(sql_times), "peak_mib": peak / 2**20}
        )
    return rows


def session_cookie(username: str) -> str:
    """A signed-in session for the load run, made the way Django's login makes one."""
    _setup_django()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import User

    user = User.objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


# ---------------------------------------------------------------------------------------------
# Databases per scale


@contextmanager
def bench_database(scale: int):
    """An environment whose database is fresh for this scale: SQLite in a temp folder, or PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix=f"nplv-bench-{scale}x-") as var:
        # One key for the child processes and the load run's server, so that its session is valid there.
        env = {
            **os.environ,
            "NPLV_VAR_DIR": var,
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_SECRET_KEY": "bench-" + "k" * 50,
        }
        env.pop("REDIS_URL", None)
        if url.startswith("postgres"):
            import psycopg

            name = f"nplv_bench_{scale}x"
            parts = urlsplit(url)
            admin_url = urlunsplit(parts._replace(path="/postgres"))
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{name}"')
            env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
            yield env, "PostgreSQL"
        else:
            env.pop("DATABASE_URL", None)
            yield env, "SQLite"


def fill(env: dict, scale: int) -> float:
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "load_demo_data", "--scale", str(scale), "--quiet-logins"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def child(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "nplv.bench", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


# ---------------------------------------------------------------------------------------------
# The load run


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _python_load(port: int, paths: list[str], cookie: str, seconds: float, clients: int) -> dict:
    """Fallback load generator: `clients` processes with keep-alive connections, bounded in time."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(_python_client, port, paths, cookie, seconds, i) for i in range(clients)]
        latencies: list[float] = []
        errors = 0
        for future in futures:
            lat, err = future.result()
            latencies += lat
            errors += err
    return _summary(latencies, errors, seconds)


def _python_client(port: int, paths: list[str], cookie: str, seconds: float, offset: int):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": f"sessionid={cookie}", "Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
    latencies, errors, i = [], 0, offset
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        path = paths[i % len(paths)]
        i += 1
        started = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        latencies.append((time.perf_counter() - started) * 1000)
        errors += response.status != 200
    conn.close()
    return latencies, errors


def _summary(latencies: list[float], errors: int, seconds: float) -> dict:
    return {
        "rps": len(latencies) / seconds,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "errors": errors,
        "requests": len(latencies),
    }


WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("JSON{\\"requests\\": %%d, \\"errors\\": %%d, \\"p50\\": %%f, \\"p95\\": %%f, \\"p99\\": %%f}\\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def _wrk_load(port: int, paths: list[str], cookie: str, seconds: float, clients: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
    out = subprocess.run(
        [
            shutil.which("wrk"),
            "-t",
            "2",
            "-c",
            str(clients),
            "-d",
            f"{int(seconds)}s",
            "-s",
            script.name,
            "-H",
            f"Cookie: sessionid={cookie}",
            "-H",
            "X-Forwarded-Proto: https",
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    os.unlink(script.name)
    data = json.loads(next(line[4:] for line in out.splitlines() if line.startswith("JSON")))
    return {**data, "rps": data["requests"] / seconds}


def load_run(env: dict, seconds: float, clients: int = 8) -> list[str]:
    port = _free_port()
    cookie = child(env, "--session", NATIONAL).strip()
    server_env = {
        **env,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "NPLV_REQUIRE_2FA": "0",
    }
    if os.environ.get("REDIS_URL"):  # production shape: sessions and the cache in Redis
        server_env["REDIS_URL"] = os.environ["REDIS_URL"]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "nplv.wsgi", "-w", "4", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=server_env,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.2)
        tool = "wrk" if shutil.which("wrk") else "Python client"
        run = _wrk_load if tool == "wrk" else _python_load
        run(port, LOAD_MIX, cookie, 3, clients)  # warm up every worker
        mix = run(port, LOAD_MIX, cookie, seconds, clients)
        trivial = run(port, TRIVIAL, cookie, seconds, clients)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    lines = [
        f"### Load run: gunicorn 4 workers, {clients} concurrent clients, {seconds:.0f} s each ({tool})",
        "",
        "| what | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | non-200 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in ((f"page mix ({len(LOAD_MIX)} pages)", mix), ("trivial view `/gezond/`", trivial)):
        lines.append(f"| {name} | {r['rps']:.1f} | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | {r['errors']} |")
    lines.append(f"\nThe page mix reaches {mix['rps'] / trivial['rps']:.0%} of the trivial view's throughput.")
    return lines


# ---------------------------------------------------------------------------------------------


def run_scale(scale: int, repeat: int, load_seconds: float) -> str:
    with bench_database(scale) as (env, backend):
        load_seconds_taken = fill(env, scale)
        pages = json.loads(child(env, "--measure", "--repeat", str(repeat)))
        exports = json.loads(child(env, "--measure-exports"))
        aggregates = json.loads(child(env, "--measure-aggregates", "--repeat", str(max(3, repeat // 3))))
        lines = [
            f"### {backend}, {scale}× ({scale * 20} areas) — demo data loaded in {load_seconds_taken:.1f} s",
            "",
            "| URL | as | median (ms) | p95 (ms) | bare SQL (ms) | queries |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for r in pages:
            lines.append(
                f"| `{r['url']}` | {r['user']} | {r['median']:.1f} | {r['p95']:.1f} | {r['sql']:.2f} | {r['queries']} |"
            )
        # SQLite has no COPY: there the same SQL is read through a cursor and written by csv.writer.
        bare_export = "COPY" if backend == "PostgreSQL" else "SQL written by csv.writer"
        lines += [
            "",
            f"| download | time (ms, median) | {bare_export} of the same rows and columns (ms) | ratio "
            "| Excel library floor (ms) | queries | peak Python memory (MiB) | size (KiB) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in exports:
            ratio = r["ms"] / r["bare"] if r["bare"] else 0
            floor = f"{r['floor']:.0f}" if r.get("floor") is not None else "–"
            lines.append(
                f"| `{r['url']}` | {r['ms']:.0f} | {r['bare']:.1f} | {ratio:.1f}× | {floor} | {r['queries']} "
                f"| {r['peak_mib']:.1f} | {r['kib']:.0f} |"
            )
        lines.append(
            "\nThe Excel library floor is openpyxl's write-only mode writing the same rows, already fetched "
            "into a list, with nothing else."
        )
        lines += [
            "",
            "| aggregate | time (ms, median) | bare SQL aggregate (ms) | ratio | peak Python memory (MiB) |",
            "|---|---:|---:|---:|---:|",
        ]
        for r in aggregates:
            ratio = r["ms"] / r["bare"] if r["bare"] else 0
            lines.append(f"| `{r['url']}` | {r['ms']:.0f} | {r['bare']:.1f} | {ratio:.1f}× | {r['peak_mib']:.1f} |")
        imports = json.loads(child(env, "--measure-import"))
        if imports:
            lines += [
                "",
                "| monitor import (Dutch Excel CSV) | rows | CPU s | rows/s | peak Python memory (MiB) |",
                "|---|---:|---:|---:|---:|",
            ]
            for what, seconds, peak_mib, rows in imports:
                peak = f"{peak_mib:.1f}" if peak_mib else "–"
                lines.append(f"| {what} | {rows:,} | {seconds:.2f} | {rows / seconds:,.0f} | {peak} |")
        report = json.loads(child(env, "--measure-report"))
        lines += [
            "",
            "| yearly national report | areas | total (ms) | bare SQL aggregates (ms) | queries | peak Python memory (MiB) | PDF (KiB) |",
            "|---|---:|---:|---:|---:|---:|---:|",
            f"| PDF | {report['areas']} | {report['total_ms']:.0f} | {report['aggregates_ms']:.0f} | {report['queries']} "
            f"| {report['peak_mib']:.1f} | {report['pdf_kib']:.0f} |",
        ]
        if load_seconds and scale == 1:
            lines += [""] + load_run(env, load_seconds)
        if backend == "PostgreSQL":
            import psycopg

            parts = urlsplit(env["DATABASE_URL"])
            with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "nplv_bench_{scale}x" WITH (FORCE)')
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 50])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--load-seconds", type=float, default=20)
    parser.add_argument("--no-load", action="store_true", help="skip the gunicorn load run")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure-exports", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure-aggregates", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure-import", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure-report", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--session", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.repeat)))
        return
    if args.measure_exports:
        print(json.dumps(measure_exports()))
        return
    if args.measure_aggregates:
        print(json.dumps(measure_aggregates(args.repeat)))
        return
    if args.measure_import:
        _setup_django()
        from areas.models import Area
        from monitoring.bench import measure_import

        # 100,000 distinct area figures need enough areas: measured at 50× only.
        print(json.dumps(list(measure_import()) if Area.objects.count() >= 400 else []))
        return
    if args.measure_report:
        _setup_django()
        from reports.bench import measure_national_report

        print(json.dumps(measure_national_report()))
        return
    if args.session:
        print(session_cookie(args.session))
        return
    header = (
        f"Measured on {date.today().isoformat()} on {platform.machine()} with {os.cpu_count()} cores, "
        f"Python {platform.python_version()}."
    )
    load_seconds = 0 if args.no_load else args.load_seconds
    report = "\n\n".join([header] + [run_scale(scale, args.repeat, load_seconds) for scale in args.scales])
    print(report)
    out = ROOT / "var" / "bench.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report + "\n")
    print(f"\n(written to {out})")


if __name__ == "__main__":
    main()
