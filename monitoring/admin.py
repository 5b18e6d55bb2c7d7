"""The monitor: the indicators and their values come from the published monitor (`monitoring.importer`),
so the admin only shows them."""

from django.contrib import admin

from core.admin_base import ScopedAdmin

from . import models


@admin.register(models.Indicator)
class IndicatorAdmin(ScopedAdmin):
    list_display = ["code", "name", "specification", "action_line"]
    list_filter = ["action_line"]
    search_fields = ["code", "name", "specification"]


@admin.register(models.IndicatorValue)
class IndicatorValueAdmin(ScopedAdmin):
    list_display = ["indicator", "scope", "area", "year", "value"]
    list_filter = ["scope", "year", "indicator__action_line"]
    list_select_related = ["indicator", "area"]
