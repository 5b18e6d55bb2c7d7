from django.contrib import admin

from alliances.admin_base import ScopedAdmin

from . import models


class LegalBasisInline(admin.TabularInline):
    model = models.LegalBasis
    extra = 0


class ThemeInline(admin.TabularInline):
    model = models.Theme
    extra = 0


@admin.register(models.Scheme)
class SchemeAdmin(ScopedAdmin):
    list_display = ["name", "lead_ministry", "first_year", "last_year", "total_budget"]
    search_fields = ["name", "code"]
    inlines = [ThemeInline, LegalBasisInline]


@admin.register(models.Theme)
class ThemeAdmin(ScopedAdmin):
    list_display = ["name", "scheme", "ministry", "budget", "is_integral"]
    list_filter = ["scheme", "ministry"]
    search_fields = ["name", "code"]


@admin.register(models.Ceiling)
class CeilingAdmin(ScopedAdmin):
    list_display = ["area", "theme", "amount", "is_illustrative"]
    list_filter = ["theme__scheme", "theme", "is_illustrative"]
    search_fields = ["area__name", "theme__name"]
    list_select_related = ["area", "theme"]


class ApplicationLineInline(admin.TabularInline):
    model = models.ApplicationLine
    extra = 0
    fields = ["theme", "year", "amount", "description", "granted_amount"]


@admin.register(models.Application)
class ApplicationAdmin(ScopedAdmin):
    list_display = ["reference", "area", "scheme", "status", "submitted_at"]
    list_filter = ["scheme", "status", "area"]
    search_fields = ["reference", "area__name"]
    list_select_related = ["area", "scheme"]
    inlines = [ApplicationLineInline]


@admin.register(models.ApplicationLine)
class ApplicationLineAdmin(ScopedAdmin):
    list_display = ["application", "theme", "year", "amount", "granted_amount"]
    list_filter = ["application__scheme", "application__status", "theme", "application__area"]
    search_fields = ["application__reference", "application__area__name", "description"]
    list_select_related = ["application__area", "theme"]


@admin.register(models.Review)
class ReviewAdmin(ScopedAdmin):
    list_display = ["line", "reviewer", "recommendation", "recommended_amount", "created_at"]
    list_filter = ["recommendation", "line__theme"]
    list_select_related = ["line__theme", "line__application", "reviewer"]


@admin.register(models.InformationRequest)
class InformationRequestAdmin(ScopedAdmin):
    list_display = ["application", "deadline", "asked_by", "answered_at"]
    list_select_related = ["application", "asked_by"]


@admin.register(models.GrantDecision)
class GrantDecisionAdmin(ScopedAdmin):
    list_display = ["reference", "application", "outcome", "total_granted", "decided_by", "decided_at"]
    list_filter = ["outcome"]
    list_select_related = ["application__area", "decided_by"]


@admin.register(models.Payment)
class PaymentAdmin(ScopedAdmin):
    list_display = ["municipality", "year", "amount", "due_on", "paid_on"]
    list_filter = ["year", "municipality"]
    list_select_related = ["municipality"]


class SpendingLineInline(admin.TabularInline):
    model = models.SpendingLine
    extra = 0


@admin.register(models.SpendingReport)
class SpendingReportAdmin(ScopedAdmin):
    list_display = ["application", "year", "status", "is_final", "reclaim_amount"]
    list_filter = ["status", "year", "is_final"]
    list_select_related = ["application__area"]
    inlines = [SpendingLineInline]


@admin.register(models.SisaIndicator)
class SisaIndicatorAdmin(ScopedAdmin):
    list_display = ["scheme", "year", "code", "label", "control", "measure"]
    list_filter = ["scheme", "year"]
