"""The monitor in the admin: the catalogue is kept here; figures and import runs are read-only (the
importer is their only write path: the import page, the API or `manage.py import_indicators`)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin_base import ReadOnlyInline, ScopedAdmin

from . import models


@admin.register(models.IndicatorPartition)
class IndicatorPartitionAdmin(ScopedAdmin):
    list_display = ["name", "code", "tolerance"]
    search_fields = ["code", "name"]


@admin.register(models.Indicator)
class IndicatorAdmin(ScopedAdmin):
    list_display = ["code", "name", "specification", "action_line", "unit", "higher_is_better", "partition"]
    list_filter = ["action_line", "unit", "partition"]
    search_fields = ["code", "name", "specification"]


@admin.register(models.IndicatorValue)
class IndicatorValueAdmin(ScopedAdmin):
    list_display = ["indicator", "scope", "area", "municipality", "year", "value", "is_public", "import_run"]
    list_filter = ["scope", "year", "is_public", "indicator__action_line"]
    list_select_related = ["indicator", "area", "municipality", "import_run"]
    search_fields = ["indicator__code", "area__name", "municipality__name"]


class ImportProblemInline(ReadOnlyInline):
    model = models.ImportProblem
    fields = ["line", "column", "value", "rule"]
    readonly_fields = fields
    show_change_link = False
    max_num = 0
    verbose_name_plural = _("importproblemen (de eerste 200; het verslag op de importpagina bevat ze allemaal)")

    def get_queryset(self, request):
        first = super().get_queryset(request).order_by("line", "pk").values("pk")[:200]
        return super().get_queryset(request).filter(pk__in=first)


@admin.register(models.ImportRun)
class ImportRunAdmin(ScopedAdmin):
    list_display = ["file_name", "status", "area", "created_by", "created_at", "rows", "problem_count", "report"]
    list_filter = ["status", "file_format"]
    list_select_related = ["area", "created_by"]
    search_fields = ["file_name", "sha256"]
    inlines = [ImportProblemInline]
    readonly_fields = ["report"]

    @admin.display(description=_("verslag"))
    def report(self, obj):
        if obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("monitoring:import-detail", kwargs={"pk": obj.pk}), _("verslag en bestand")
        )
