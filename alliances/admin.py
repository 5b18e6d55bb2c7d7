from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from . import models
from .admin_base import ScopedAdmin


@admin.register(models.User)
class UserAdmin(DjangoUserAdmin, ScopedAdmin):
    list_display = ["username", "get_full_name", "role", "area", "ministry", "is_active"]
    list_filter = ["role", "ministry", "is_active", "area"]
    fieldsets = DjangoUserAdmin.fieldsets + ((_("NPLV"), {"fields": ["role", "area", "ministry"]}),)
    add_fieldsets = DjangoUserAdmin.add_fieldsets + ((_("NPLV"), {"fields": ["role", "area", "ministry"]}),)


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
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.ActionLine)
class ActionLineAdmin(ScopedAdmin):
    list_display = ["number", "name"]


@admin.register(models.Organisation)
class OrganisationAdmin(ScopedAdmin):
    list_display = ["name", "kind", "area", "ministry"]
    list_filter = ["kind", "ministry"]
    search_fields = ["name"]
    list_select_related = ["area"]
    autocomplete_fields = ["area"]


@admin.register(models.Person)
class PersonAdmin(ScopedAdmin):
    list_display = ["name", "area", "anonymised_at"]
    search_fields = ["name", "email"]
    list_select_related = ["area"]
    autocomplete_fields = ["area", "user"]


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(models.Alliance)
class AllianceAdmin(ScopedAdmin):
    list_display = ["name", "area", "resident_seats", "quorum_rule"]
    search_fields = ["name", "area__name"]
    list_select_related = ["area"]
    inlines = [MembershipInline]


@admin.register(models.Membership)
class MembershipAdmin(ScopedAdmin):
    list_display = ["person", "role", "organisation", "alliance", "start_date", "end_date"]
    list_filter = ["role", "ministry", "rank", "alliance__area"]
    search_fields = ["person__name", "organisation__name", "alliance__area__name"]
    list_select_related = ["person", "organisation", "alliance"]
    autocomplete_fields = ["person", "organisation"]


class AttendanceInline(admin.TabularInline):
    model = models.Attendance
    extra = 0


class DecisionInline(admin.StackedInline):
    model = models.Decision
    extra = 0


@admin.register(models.Meeting)
class MeetingAdmin(ScopedAdmin):
    list_display = ["__str__", "alliance", "date"]
    list_filter = ["alliance__area"]
    date_hierarchy = "date"
    list_select_related = ["alliance"]
    inlines = [AttendanceInline, DecisionInline]


@admin.register(models.Decision)
class DecisionAdmin(ScopedAdmin):
    list_display = ["__str__", "subject", "outcome", "meeting"]
    list_filter = ["subject", "outcome", "meeting__alliance__area"]
    search_fields = ["text"]
    list_select_related = ["meeting__alliance"]


@admin.register(models.Plan)
class PlanAdmin(ScopedAdmin):
    list_display = ["title", "kind", "version", "status", "alliance", "period_start", "period_end"]
    list_filter = ["kind", "status", "alliance__area"]
    search_fields = ["title"]
    list_select_related = ["alliance"]


@admin.register(models.Bottleneck)
class BottleneckAdmin(ScopedAdmin):
    list_display = ["title", "area", "action_line", "status", "signalled_on"]
    list_filter = ["status", "action_line", "area"]
    search_fields = ["title", "description", "regulation"]
    list_select_related = ["area", "action_line"]


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


@admin.register(models.Transition)
class TransitionAdmin(ScopedAdmin):
    list_display = ["content_type", "object_id", "source", "target", "actor", "at"]
    list_filter = ["content_type", "target"]
    list_select_related = ["content_type", "actor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
