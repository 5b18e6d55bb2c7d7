"""The schedules in the admin (national team and admins), created by the data migration; beat's liveness."""

from __future__ import annotations

import json
from datetime import timedelta
from importlib import import_module

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from accounts.models import Role
from reports.models import Heartbeat, ReportRun, RunStatus, Scope
from reports.registry import get_kind
from reports.tasks import heartbeat
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def schedules(db):
    """The schedules as the data migration creates them. A transactional test elsewhere in the same
    worker empties every table when it ends, so they are created again where they are missing."""
    if not PeriodicTask.objects.exists():
        from django.apps import apps

        import_module("reports.migrations.0002_create_schedules").create(apps, None)


def test_the_migration_created_a_schedule_for_every_periodic_job():
    tasks = {t.name: t for t in PeriodicTask.objects.all()}
    kinds = {json.loads(t.kwargs).get("kind") for t in tasks.values() if t.task == "reports.tasks.run_scheduled"}
    assert kinds == {
        "budget_snapshot",
        "reminders",
        "weekly_digest",
        "area_quarterly",
        "national_yearly",
        "sisa_export",
        "files_cleanup",
    }
    for kind in kinds:
        get_kind(kind)  # every scheduled kind is registered
    reminders = next(t for t in tasks.values() if '"reminders"' in t.kwargs)
    assert json.loads(reminders.kwargs)["days_before"] == [7, 1]
    assert str(reminders.crontab.timezone) == "UTC"
    assert any(t.task == "reports.tasks.heartbeat" and t.interval.every == 1 for t in tasks.values())


def test_national_team_changes_a_schedule_in_the_admin(client):
    national = make_user("national", Role.NATIONAL_TEAM)
    client.force_login(national)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:django_celery_beat_periodictask_changelist")).status_code == 200
    task = PeriodicTask.objects.get(name="Herinneringen (elke dag)")
    assert client.get(reverse("admin:django_celery_beat_periodictask_change", args=[task.pk])).status_code == 200
    assert national.has_perm("django_celery_beat.change_periodictask")
    assert not national.has_perm("django_celery_beat.delete_periodictask")
    assert client.get(reverse("admin:reports_reportrun_changelist")).status_code == 200


def test_reviewer_may_not_touch_the_schedules(client):
    reviewer = make_user("reviewer", Role.MINISTRY_REVIEWER, ministry="OCW")
    client.force_login(reviewer)
    assert client.get(reverse("admin:django_celery_beat_periodictask_changelist")).status_code == 403
    assert not reviewer.has_perm("django_celery_beat.change_periodictask")


def test_admin_restarts_a_failed_run(client, django_capture_on_commit_callbacks, reference_data):
    admin_user = make_user("beheer", Role.ADMIN)
    run = ReportRun.objects.create(
        kind="budget_snapshot",
        scope=Scope.NATIONAL,
        parameters={"day": "2026-11-30"},
        status=RunStatus.FAILED,
        error="x",
    )
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:reports_reportrun_changelist"), {"action": "restart", "_selected_action": [run.pk]})
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


def test_check_beat_fails_without_a_recent_heartbeat():
    with pytest.raises(CommandError, match="No heartbeat"):
        call_command("check_beat")
    heartbeat.delay()
    call_command("check_beat")
    Heartbeat.objects.filter(name="beat").update(at=timezone.now() - timedelta(minutes=30))
    with pytest.raises(CommandError, match="silent for 30 minutes"):
        call_command("check_beat", max_minutes=10)
