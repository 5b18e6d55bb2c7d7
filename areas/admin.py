"""The places: real reference data loaded from files (`load_reference_data`), so read-only in the admin."""

from django.contrib import admin

from core.admin_base import ScopedAdmin

from . import models


@admin.register(models.Municipality)
class MunicipalityAdmin(ScopedAdmin):
    list_display = ["name", "cbs_code"]
    search_fields = ["name", "cbs_code"]


@admin.register(models.Area)
class AreaAdmin(ScopedAdmin):
    list_display = ["name", "municipality", "residents", "programme_name", "resident_representation", "is_synthetic"]
    list_filter = ["resident_representation", "is_synthetic"]
    search_fields = ["name", "municipality__name", "programme_name"]
    list_select_related = ["municipality"]


@admin.register(models.ActionLine)
class ActionLineAdmin(ScopedAdmin):
    list_display = ["number", "name"]
