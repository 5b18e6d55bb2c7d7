from django.contrib import admin

from core.admin_base import ScopedAdmin

from . import models
from .filters import ThemeListFilter


class OutputMeasureInline(admin.TabularInline):
    model = models.OutputMeasure
    extra = 0


class ProgressUpdateInline(admin.TabularInline):
    model = models.ProgressUpdate
    extra = 0


class OtherFundingInline(admin.TabularInline):
    model = models.OtherFunding
    extra = 0


@admin.register(models.Intervention)
class InterventionAdmin(ScopedAdmin):
    list_display = ["title", "area", "action_line", "status", "evidence_level", "planned_budget"]
    list_filter = ["area", "action_line", ThemeListFilter, "status", "evidence_level"]
    # State changes go through the pages and the API (services), which keep the transition history.
    readonly_fields = ["status", "stop_reason", "copied_from", "created_at", "updated_at"]
    search_fields = ["title", "description", "target_group"]
    list_select_related = ["area", "action_line"]
    autocomplete_fields = ["lead_organisation", "partners"]
    inlines = [OutputMeasureInline, ProgressUpdateInline, OtherFundingInline]
