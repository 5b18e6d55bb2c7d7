"""Reads for interventions. Every read starts from what the user may see."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Sum
from django.shortcuts import get_object_or_404

from .models import Intervention, InterventionStatus


def intervention_list(*, user) -> QuerySet[Intervention]:
    return Intervention.objects.visible_to(user).select_related("area", "action_line", "theme", "lead_organisation")


def intervention_get(*, user, pk: int) -> Intervention:
    return get_object_or_404(intervention_list(user=user), pk=pk)


def area_summary(*, area, user) -> dict:
    """Interventions of one area by status, with the planned budget summed in the database."""
    qs = Intervention.objects.visible_to(user).filter(area=area)
    by_status = dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
    return {
        "count": sum(by_status.values()),
        "by_status": [(label, by_status.get(value, 0)) for value, label in InterventionStatus.choices],
        "planned_budget": qs.aggregate(total=Sum("planned_budget"))["total"],
        "recent": qs.select_related("action_line").order_by("-updated_at")[:5],
    }
