"""Service tests: real Celery workers and beat, started by the test, against the real Redis and the
test's PostgreSQL database. CI sets REDIS_URL and a PostgreSQL DATABASE_URL; a bare machine skips
these with the reason.

- a report requested from the service runs end to end in a worker, through Redis;
- a worker killed in the middle of a task loses nothing: the task goes back to Redis and a second
  worker completes it, once;
- beat ticking (two beat processes even) produces the period's runs once.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from accounts.models import Role
from reports import services
from reports.models import ReportRun, RunStatus
from tests.conftest import make_user

ROOT = Path(__file__).resolve().parents[2]
QUEUE = f"nplv-test-{uuid.uuid4().hex[:8]}"
VISIBILITY_TIMEOUT = 4

pytestmark = [
    pytest.mark.service,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"), reason="service test: REDIS_URL is not set, so there is no broker"
    ),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="service test: a worker process cannot see SQLite's in-memory test database; set a PostgreSQL DATABASE_URL",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def broker():
    """The test process sends to the real broker, on a queue of its own."""
    from nplv.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    app.conf.task_default_queue = QUEUE
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(QUEUE)
    yield app
    app.conf.task_always_eager = eager


def database_url() -> str:
    s = connection.settings_dict
    return (
        f"postgres://{s['USER']}:{s.get('PASSWORD') or ''}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    )


class Processes:
    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.started: list[subprocess.Popen] = []

    def start(self, name: str, *args: str, **env: str) -> subprocess.Popen:
        environment = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DJANGO_SETTINGS_MODULE": "nplv.settings",
            "NPLV_MEDIA_ROOT": str(self.tmp_path / "private"),
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "CELERY_QUEUE": QUEUE,
            **env,
        }
        log = open(self.tmp_path / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "nplv", *args],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.started.append(process)
        return process

    def worker(self, name: str, **env: str) -> subprocess.Popen:
        return self.start(
            name,
            "worker",
            "--pool=solo",
            "-Q",
            QUEUE,
            "-n",
            f"{name}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
            **env,
        )

    def log(self, name: str) -> str:
        return (self.tmp_path / f"{name}.log").read_text(errors="replace")

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def processes(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "private"
    started = Processes(tmp_path)
    yield started
    started.stop_all()


def wait_for(check, *, timeout: float, what: str, logs=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"Timed out waiting for {what}.\n{logs() if logs else ''}")


def test_worker_runs_a_report_end_to_end_through_redis(broker, processes, reference_data, area_a):
    processes.worker("w1")
    bureau = make_user("bureau_a", Role.PROGRAMME_BUREAU, area=area_a)
    run = services.report_run_request(
        kind="area_quarterly", actor=bureau, area=area_a, parameters={"year": 2026, "quarter": 1}
    )
    run = wait_for(
        lambda: ReportRun.objects.filter(pk=run.pk, status__in=["done", "failed"]).first(),
        timeout=60,
        what="the worker to finish the report",
        logs=lambda: processes.log("w1"),
    )
    assert run.status == RunStatus.DONE, run.error
    assert sorted(run.files.values_list("format", flat=True)) == ["csv", "pdf"]
    with run.files.get(format="pdf").file.open("rb") as handle:
        assert handle.read(4) == b"%PDF"


def test_a_killed_worker_loses_nothing(broker, processes, reference_data, area_a):
    """Worker 1 dies (SIGKILL) in the middle of the report; Redis hands the task to worker 2, which
    completes it once."""
    first = processes.worker("w1", NPLV_REPORT_STEP_DELAY="3")
    national = make_user("national", Role.NATIONAL_TEAM)
    run = services.report_run_request(
        kind="area_quarterly", actor=national, area=area_a, parameters={"year": 2026, "quarter": 2}
    )
    wait_for(
        lambda: ReportRun.objects.filter(pk=run.pk, status="running", progress_done__gte=1).exists(),
        timeout=60,
        what="worker 1 to be in the middle of the report",
        logs=lambda: processes.log("w1"),
    )
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and run.files.count() == 0
    time.sleep(VISIBILITY_TIMEOUT + 1)
    processes.worker("w2")
    run = wait_for(
        lambda: ReportRun.objects.filter(pk=run.pk, status__in=["done", "failed"]).first(),
        timeout=90,
        what="worker 2 to complete the report given back by Redis",
        logs=lambda: processes.log("w2"),
    )
    assert run.status == RunStatus.DONE, run.error
    assert run.attempts == 2
    assert sorted(run.files.values_list("format", flat=True)) == ["csv", "pdf"]


def test_beat_ticks_produce_the_due_runs_once(broker, processes, reference_data):
    """Two beat processes (by mistake) fire the same schedule every second: one run per area and period."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    PeriodicTask.objects.update(enabled=False)
    every_second, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
    areas = ["amsterdam-nieuw-west", "rotterdam-zuid"]
    PeriodicTask.objects.create(
        name="test: kwartaalrapportage elke seconde",
        task="reports.tasks.run_scheduled",
        interval=every_second,
        kwargs=json.dumps({"kind": "area_quarterly", "areas": areas}),
        queue=QUEUE,
    )
    processes.worker("w1")
    for name in ("beat1", "beat2"):
        processes.start(
            name,
            "beat",
            "-S",
            "django",
            "--max-interval=1",
            "--loglevel=INFO",
            f"--pidfile={processes.tmp_path / name}.pid",
        )
    wait_for(
        lambda: ReportRun.objects.filter(kind="area_quarterly", status="done").count() >= 2,
        timeout=60,
        what="beat's runs to be done",
        logs=lambda: processes.log("beat1") + processes.log("w1"),
    )
    time.sleep(4)  # several more ticks of both beats
    runs = ReportRun.objects.filter(kind="area_quarterly")
    assert runs.count() == 2
    assert sorted(runs.values_list("area__slug", flat=True)) == sorted(areas)
    assert set(runs.values_list("status", "is_scheduled")) == {("done", True)}
    assert "run_scheduled" in processes.log("w1")
