from django.contrib import admin

from alliances.admin_base import ScopedAdmin

from . import models


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
    list_display = ["title", "area", "action_line", "theme", "status", "evidence_level", "planned_budget"]
    list_filter = ["status", "action_line", "theme", "evidence_level", "area"]
    search_fields = ["title", "description", "target_group"]
    list_select_related = ["area", "action_line", "theme"]
    autocomplete_fields = ["lead_organisation", "partners", "copied_from"]
    inlines = [OutputMeasureInline, ProgressUpdateInline, OtherFundingInline]
