"""Report runs: who may start which, idempotent schedules, progress, retries and a visible failure."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction

from accounts.models import Role
from reports import registry, services, tasks
from reports.models import ReportRun, RunStatus, Scope
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau_a(area_a):
    return make_user("bureau_a", Role.PROGRAMME_BUREAU, area=area_a)


@pytest.fixture
def probe():
    """A registered kind whose build the test controls; removed afterwards."""
    calls = []
    behaviour = {"fail": []}

    def build(ctx):
        calls.append(ctx.run.pk)
        ctx.set_total(3)
        ctx.step()
        if behaviour["fail"]:
            raise behaviour["fail"].pop(0)
        ctx.step()
        ctx.add_file("csv", "probe.csv", b"a;b\n1;2\n")
        ctx.step()

    registry.register(registry.ReportKind(code="probe", label="Probe", scope=Scope.NATIONAL, build=build))
    yield calls, behaviour
    registry._KINDS.pop("probe")


def test_bureau_starts_a_report_of_its_own_area(django_capture_on_commit_callbacks, bureau_a, area_a):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.report_run_request(
            kind="area_quarterly", actor=bureau_a, area=area_a, parameters={"year": 2026, "quarter": 1}
        )
    run.refresh_from_db()
    assert (run.status, run.period, run.requested_by, run.attempts) == (RunStatus.DONE, "2026-Q1", bureau_a, 1)
    assert sorted(f.format for f in run.files.all()) == ["csv", "pdf"]
    assert run.progress_done == run.progress_total == 4


def test_bureau_may_not_start_a_report_of_another_area(bureau_a, area_b):
    with pytest.raises(PermissionDenied):
        services.report_run_request(
            kind="area_quarterly", actor=bureau_a, area=area_b, parameters={"year": 2026, "quarter": 1}
        )


def test_area_user_may_not_start_the_national_report(bureau_a):
    with pytest.raises(PermissionDenied):
        services.report_run_request(kind="national_yearly", actor=bureau_a, parameters={"year": 2025})


def test_nationwide_role_starts_the_national_report(django_capture_on_commit_callbacks, reviewer_ocw):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.report_run_request(kind="national_yearly", actor=reviewer_ocw, parameters={"year": 2025})
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert sorted(f.format for f in run.files.all()) == ["pdf", "xlsx"]


@pytest.mark.parametrize(
    ("kind", "parameters", "message"),
    [
        ("area_quarterly", {"year": 2026, "quarter": 5}, "kwartaal 1 tot en met 4"),
        ("area_quarterly", {"year": 2019, "quarter": 1}, "tussen 2022 en nu"),
        ("area_quarterly", {}, "kies een jaar en een kwartaal"),
        ("national_yearly", {"year": "x"}, "kies een jaar"),
        ("budget_snapshot", {}, "alleen volgens schema"),
        ("nonsense", {}, "bestaat niet"),
    ],
)
def test_bad_requests_are_refused_naming_the_rule(national, area_a, kind, parameters, message):
    with pytest.raises(ValidationError, match=message):
        services.report_run_request(kind=kind, actor=national, area=area_a, parameters=parameters)


def test_area_report_needs_an_area(national):
    with pytest.raises(ValidationError, match="kies een gebied"):
        services.report_run_request(kind="area_quarterly", actor=national, parameters={"year": 2026, "quarter": 1})


def test_scheduling_twice_for_one_period_gives_one_run_per_area(django_capture_on_commit_callbacks, reference_data):
    """Beat firing twice, or two beat processes by mistake: the second finds the period's runs made."""
    day = date(2026, 4, 1)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = services.report_runs_schedule(kind="area_quarterly", day=day)
        second = services.report_runs_schedule(kind="area_quarterly", day=day)
    assert len(first) == 20 and second == []
    assert len(queued) == 20  # only the new runs are queued
    assert ReportRun.objects.filter(kind="area_quarterly", period="2026-Q1").count() == 20
    # The next quarter is a new period.
    assert len(services.report_runs_schedule(kind="area_quarterly", day=date(2026, 7, 1))) == 20


def test_the_database_refuses_a_second_scheduled_run_for_a_period(reference_data):
    ReportRun.objects.create(kind="budget_snapshot", period="2026-11-30", scope=Scope.NATIONAL, is_scheduled=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportRun.objects.create(kind="budget_snapshot", period="2026-11-30", scope=Scope.NATIONAL, is_scheduled=True)
    # Runs that users start are not bound by it.
    ReportRun.objects.create(kind="budget_snapshot", period="2026-11-30", scope=Scope.NATIONAL)
    ReportRun.objects.create(kind="budget_snapshot", period="2026-11-30", scope=Scope.NATIONAL)


def test_schedule_options_travel_with_the_run(reference_data):
    [run] = services.report_runs_schedule(kind="reminders", day=date(2026, 3, 10), options={"days_before": [3]})
    assert run.parameters == {"day": "2026-03-10", "days_before": [3]}


def test_progress_is_saved_while_building(probe):
    calls, _ = probe
    seen = []
    run = ReportRun.objects.create(kind="probe", scope=Scope.NATIONAL)
    original = services._save_progress

    def spy(run_id):
        save = original(run_id)

        def wrapped(done, total):
            save(done, total)
            row = ReportRun.objects.get(pk=run_id)
            seen.append((row.status, row.progress_done, row.progress_total))

        return wrapped

    services._save_progress = spy
    try:
        services.report_run_execute(run_id=run.pk)
    finally:
        services._save_progress = original
    assert seen == [("running", 0, 3), ("running", 1, 3), ("running", 2, 3), ("running", 3, 3)]
    run.refresh_from_db()
    assert (run.status, run.percent) == (RunStatus.DONE, 100)


def test_a_finished_run_is_not_built_again(probe):
    """A task delivered twice (its worker died after finishing) completes the run once."""
    calls, _ = probe
    run = ReportRun.objects.create(kind="probe", scope=Scope.NATIONAL)
    tasks.report_generate.delay(run.pk)
    tasks.report_generate.delay(run.pk)
    assert calls == [run.pk]
    assert run.files.count() == 1


def test_transient_errors_are_retried_then_the_run_completes(probe):
    calls, behaviour = probe
    behaviour["fail"] = [OperationalError("database gone"), OperationalError("still gone")]
    run = ReportRun.objects.create(kind="probe", scope=Scope.NATIONAL)
    tasks.report_generate.delay(run.pk)
    run.refresh_from_db()
    assert (run.status, run.attempts, run.error) == (RunStatus.DONE, 3, "")
    assert len(calls) == 3


def test_retries_run_out_into_a_visible_failure(probe):
    calls, behaviour = probe
    behaviour["fail"] = [OperationalError("database gone")] * (tasks.MAX_RETRIES + 1)
    run = ReportRun.objects.create(kind="probe", scope=Scope.NATIONAL)
    tasks.report_generate.delay(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.attempts == tasks.MAX_RETRIES + 1
    assert "OperationalError: database gone" in run.error
    assert run.finished_at is not None


def test_a_bug_fails_at_once_with_the_error(probe):
    calls, behaviour = probe
    behaviour["fail"] = [ZeroDivisionError("division by zero")]
    run = ReportRun.objects.create(kind="probe", scope=Scope.NATIONAL)
    tasks.report_generate.delay(run.pk)
    run.refresh_from_db()
    assert (run.status, run.attempts) == (RunStatus.FAILED, 1)
    assert run.error == "ZeroDivisionError: division by zero"


def test_backoff_grows_and_is_capped():
    assert [tasks.backoff(n) for n in range(4)] == [15, 30, 60, 120]
    assert tasks.backoff(20) == tasks.BACKOFF_MAX


def test_national_team_restarts_a_failed_run(django_capture_on_commit_callbacks, probe, national, bureau_a):
    run = ReportRun.objects.create(kind="probe", scope=Scope.NATIONAL, status=RunStatus.FAILED, error="x")
    with pytest.raises(PermissionDenied):
        services.report_run_restart(run=run, actor=bureau_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_run_restart(run=run, actor=national)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    with pytest.raises(ValidationError, match="alleen een mislukte run"):
        services.report_run_restart(run=run, actor=national)


def test_every_periodic_job_runs_through_the_scheduler(django_capture_on_commit_callbacks, reference_data):
    """Each scheduled kind completes once per period when beat calls `run_scheduled`."""
    for kind in ("budget_snapshot", "reminders", "weekly_digest", "files_cleanup", "national_yearly"):
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.run_scheduled.delay(kind).get() == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.run_scheduled.delay(kind).get() == 0
        assert ReportRun.objects.get(kind=kind).status == RunStatus.DONE
