"""Reports in the admin: the runs (with their errors), snapshots, sent reminders, beat's heartbeat,
and the schedules of django-celery-beat, which the national team may change."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django_celery_beat import admin as beat_admin
from django_celery_beat import models as beat

from core.admin_base import ReadOnlyInline, ScopedAdmin
from core.admin_display import AreaSearchFilter

from . import models, services


class ReadOnlyAdmin(ScopedAdmin):
    """Records written only by the jobs: nobody edits them by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ReportFileInline(ReadOnlyInline):
    model = models.ReportFile
    fields = ["name", "format", "size", "created_at", "expires_at"]
    readonly_fields = fields
    show_change_link = False


@admin.register(models.ReportRun)
class ReportRunAdmin(ReadOnlyAdmin):
    list_display = [
        "pk",
        "kind_label",
        "period",
        "area",
        "municipality",
        "status",
        "progress",
        "attempts",
        "created_at",
        "finished_at",
    ]
    list_filter = ["status", "kind", "is_scheduled", "scope"]
    search_fields = ["kind", "period", "area__name", "error"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in models.ReportRun._meta.fields]
    inlines = [ReportFileInline]
    actions = ["restart"]

    @admin.display(description=_("soort"))
    def kind_label(self, obj) -> str:
        return obj.kind_label

    @admin.display(description=_("voortgang"))
    def progress(self, obj) -> str:
        return f"{obj.progress_done}/{obj.progress_total}"

    @admin.action(description=_("Mislukte runs opnieuw starten"))
    def restart(self, request, queryset):
        restarted = 0
        for run in queryset:
            try:
                services.report_run_restart(run=run, actor=request.user)
                restarted += 1
            except (PermissionDenied, ValidationError) as error:
                self.message_user(
                    request, f"{run}: {' '.join(getattr(error, 'messages', [str(error)]))}", messages.ERROR
                )
        if restarted:
            self.message_user(request, _("%(count)s run(s) opnieuw in de wachtrij gezet.") % {"count": restarted})


@admin.register(models.BudgetSnapshot)
class BudgetSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["day", "area", "theme", "ceiling", "requested", "granted", "paid", "spent"]
    list_filter = ["day", "scheme", AreaSearchFilter]
    list_select_related = ["area", "theme"]


@admin.register(models.ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ["rule", "item_key", "offset_days", "due_on", "recipients", "sent_at"]
    list_filter = ["rule"]
    search_fields = ["item_key"]


@admin.register(models.Heartbeat)
class HeartbeatAdmin(ReadOnlyAdmin):
    list_display = ["name", "at"]


class NationalTeamMayOpen:
    """django-celery-beat's own admin pages, opened to the national team through the rules."""

    def has_module_permission(self, request) -> bool:
        return (
            request.user.is_active
            and request.user.is_staff
            and request.user.has_perm(f"{self.opts.app_label}.view_{self.opts.model_name}")
        )


for model, model_admin in (
    (beat.PeriodicTask, beat_admin.PeriodicTaskAdmin),
    (beat.CrontabSchedule, beat_admin.CrontabScheduleAdmin),
    (beat.IntervalSchedule, beat_admin.IntervalScheduleAdmin),
    (beat.ClockedSchedule, beat_admin.ClockedScheduleAdmin),
    (beat.SolarSchedule, beat_admin.SolarScheduleAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, type(model_admin.__name__, (NationalTeamMayOpen, model_admin), {}))
