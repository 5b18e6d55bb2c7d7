"""Interventions in the admin: every write goes through `interventions.services` (see core.admin_base)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_base import ScopedAdmin, ServiceInline, changed
from core.admin_display import AreaSearchFilter

from . import models, services
from .filters import ThemeListFilter


class OutputMeasureInline(ServiceInline):
    model = models.OutputMeasure
    fields = ["name", "unit", "target", "actual"]

    def service_create(self, request, parent, form):
        data = form.cleaned_data
        return services.output_measure_create(
            intervention=parent,
            actor=request.user,
            name=data["name"],
            unit=data["unit"],
            target=data.get("target"),
            actual=data.get("actual"),
        )

    def service_update(self, request, obj, form):
        data = form.cleaned_data
        return services.output_measure_update(
            output=obj,
            actor=request.user,
            name=data["name"],
            unit=data["unit"],
            target=data.get("target"),
            actual=data.get("actual"),
        )


class ProgressUpdateInline(ServiceInline):
    """Quarterly reports are added (to a running intervention only, says the service), never changed."""

    model = models.ProgressUpdate
    fields = ["year", "quarter", "narrative", "reach", "rag_status"]

    def service_create(self, request, parent, form):
        data = form.cleaned_data
        return services.progress_update_create(
            intervention=parent,
            actor=request.user,
            year=data["year"],
            quarter=data["quarter"],
            narrative=data["narrative"],
            rag_status=data["rag_status"],
            reach=data.get("reach"),
        )


class OtherFundingInline(ServiceInline):
    model = models.OtherFunding
    fields = ["source", "amount", "note"]

    def service_create(self, request, parent, form):
        data = form.cleaned_data
        return services.other_funding_create(
            intervention=parent, actor=request.user, source=data["source"], amount=data["amount"], note=data["note"]
        )

    def service_delete(self, request, obj):
        services.other_funding_delete(funding=obj, actor=request.user)


class StopForm(forms.Form):
    reason = forms.CharField(label=_("Reden van stoppen"), widget=forms.Textarea(attrs={"rows": 4}))


@admin.register(models.Intervention)
class InterventionAdmin(ScopedAdmin):
    list_display = ["title", "area", "action_line", "status", "evidence_level", "planned_budget"]
    list_filter = [AreaSearchFilter, "action_line", ThemeListFilter, "status", "evidence_level"]
    # State changes go through the pages and the API (services), which keep the transition history.
    readonly_fields = ["status", "stop_reason", "copied_from", "created_at", "updated_at"]
    search_fields = ["title", "description", "target_group"]
    list_select_related = ["area", "action_line"]
    autocomplete_fields = ["lead_organisation", "partners"]
    inlines = [OutputMeasureInline, ProgressUpdateInline, OtherFundingInline]
    actions = ["plan", "start", "stop"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "area"] if obj is not None else fields

    def service_create(self, request, obj, form):
        data = form.cleaned_data
        return services.intervention_create(
            actor=request.user,
            area=data["area"],
            fields={name: data[name] for name in services.EDITABLE_FIELDS if name in data},
            partners=data.get("partners") or (),
        )

    def service_update(self, request, obj, form):
        return services.intervention_update(
            intervention=obj,
            actor=request.user,
            fields=changed(form, services.EDITABLE_FIELDS),
            partners=form.cleaned_data["partners"] if "partners" in form.changed_data else None,
        )

    def _transition(self, request, queryset, name):
        self.run_per_object(
            request,
            queryset,
            lambda intervention: services.intervention_transition(
                intervention=intervention, actor=request.user, name=name
            ),
            done_message=_("%(n)s interventie(s) bijgewerkt."),
        )

    @admin.action(description=_("Plannen (idee → gepland)"), permissions=["change"])
    def plan(self, request, queryset):
        self._transition(request, queryset, "plan")

    @admin.action(description=_("Starten (gepland → loopt)"), permissions=["change"])
    def start(self, request, queryset):
        self._transition(request, queryset, "start")

    @admin.action(description=_("Stoppen (met reden)"), permissions=["change"])
    def stop(self, request, queryset):
        return self.ask_then_run(
            request,
            queryset,
            action="stop",
            title=_("Interventies stoppen"),
            form_class=StopForm,
            service=lambda intervention, data: services.intervention_stop(
                intervention=intervention, actor=request.user, reason=data["reason"]
            ),
            done_message=_("%(n)s interventie(s) gestopt."),
        )
