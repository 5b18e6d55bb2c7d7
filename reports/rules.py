"""Who may start, see and download reports, and who keeps the schedules (django-rules).

Area reports: the area's own users and the nationwide roles. Nationwide reports: the nationwide
roles only. The schedules and the runs in the admin: the national team and admins.
"""

from __future__ import annotations

import rules

from accounts.rules import can_view_area, has_area_role, is_national, register_perms, sees_all_areas

from .models import Scope


@rules.predicate
def is_area_report_of_own_area(user, run) -> bool:
    if run is None or getattr(user, "area_id", None) is None:
        return False
    if run.scope == Scope.AREA:
        return run.area_id == user.area_id
    if run.scope == Scope.MUNICIPALITY:
        return user.area is not None and run.municipality_id == user.area.municipality_id
    return False


@rules.predicate
def is_for_requester_only(user, run) -> bool:
    return run is not None and run.requester_only


@rules.predicate
def is_requester(user, run) -> bool:
    return run is not None and run.requested_by_id == user.pk


@rules.predicate
def is_about_an_area(user, area) -> bool:
    return area is not None


# The same answer as `ReportRun.objects.visible_to(user)`, for one run.
can_view_run = (sees_all_areas | (has_area_role & is_area_report_of_own_area)) & (~is_for_requester_only | is_requester)
# Starting: with an area, whoever may see the area; without one (a nationwide report), the nationwide roles.
can_start_report = (is_about_an_area & can_view_area) | (~is_about_an_area & sees_all_areas)

rules.add_perm("reports.view_run", can_view_run)
rules.add_perm("reports.start_report", can_start_report)
rules.add_perm("reports.restart_reportrun", is_national)


def _register() -> None:
    from django_celery_beat import models as beat

    from . import models as m

    register_perms(m.ReportRun, view=is_national)
    register_perms(m.ReportFile, view=is_national)
    register_perms(m.BudgetSnapshot, view=is_national)
    register_perms(m.ReminderSent, view=is_national)
    register_perms(m.Heartbeat, view=is_national)
    # The schedules are the national team's to change (time, on/off, the reminder days); admins also
    # add and delete them.
    for model in (
        beat.PeriodicTask,
        beat.CrontabSchedule,
        beat.IntervalSchedule,
        beat.ClockedSchedule,
        beat.SolarSchedule,
    ):
        register_perms(model, view=is_national, change=is_national)
    register_perms(beat.PeriodicTasks, view=is_national)


_register()
