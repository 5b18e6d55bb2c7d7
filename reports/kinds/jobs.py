"""The periodic jobs without a report file: budget snapshot, reminders, digest, clean-up.

They are report kinds all the same, so that each night's or week's job is one run per period
(idempotent), shows its progress and, when it fails, its error in the admin.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy

from .. import digest, reminders, snapshots
from ..models import ReportFile, Scope
from ..registry import ReportKind, RunContext, register, this_day, this_week

BUDGET_SNAPSHOT = "budget_snapshot"
REMINDERS = "reminders"
WEEKLY_DIGEST = "weekly_digest"
FILES_CLEANUP = "files_cleanup"


def build_snapshot(ctx: RunContext) -> None:
    ctx.set_total(1)
    ctx.result["rows"] = snapshots.budget_snapshot_take(day=date.fromisoformat(ctx.parameters["day"]))
    ctx.step()


def build_reminders(ctx: RunContext) -> None:
    day = date.fromisoformat(ctx.parameters["day"])
    before = ctx.parameters.get("days_before", reminders.DEFAULT_DAYS_BEFORE)
    after = ctx.parameters.get("days_after", reminders.DEFAULT_DAYS_AFTER)
    ctx.set_total(len(reminders.due_reminders(day=day, days_before=before, days_after=after)))
    ctx.result["sent"] = reminders.reminders_send(day=day, days_before=before, days_after=after, on_item=ctx.step)


def build_digest(ctx: RunContext) -> None:
    ctx.result["sent"] = digest.digest_send(
        week=ctx.run.period, week_start=date.fromisoformat(ctx.parameters["week_start"]), on_item=ctx.step
    )


def build_cleanup(ctx: RunContext) -> None:
    expired = list(ReportFile.objects.filter(expires_at__lt=timezone.now()))
    ctx.set_total(len(expired))
    for report_file in expired:
        report_file.file.delete(save=False)
        report_file.delete()
        ctx.step()
    ctx.result["removed"] = len(expired)


register(
    ReportKind(
        code=BUDGET_SNAPSHOT,
        label=gettext_lazy("Budgetmomentopname"),
        scope=Scope.NATIONAL,
        build=build_snapshot,
        scheduled_period=this_day,
        description=gettext_lazy("Plafond, aangevraagd, toegekend, betaald en besteed per regeling, gebied en thema."),
    )
)
register(
    ReportKind(
        code=REMINDERS,
        label=gettext_lazy("Herinneringen"),
        scope=Scope.NATIONAL,
        build=build_reminders,
        scheduled_period=this_day,
        description=gettext_lazy(
            "Informatieverzoeken, verantwoordingen en aanvraagperiodes: elke herinnering één keer."
        ),
    )
)
register(
    ReportKind(
        code=WEEKLY_DIGEST,
        label=gettext_lazy("Wekelijks overzicht open taken"),
        scope=Scope.NATIONAL,
        build=build_digest,
        scheduled_period=this_week,
    )
)
register(
    ReportKind(
        code=FILES_CLEANUP,
        label=gettext_lazy("Verlopen rapportbestanden opruimen"),
        scope=Scope.NATIONAL,
        build=build_cleanup,
        scheduled_period=this_day,
    )
)
