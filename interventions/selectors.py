"""Reads for interventions. Every read starts from what the user may see.

Money is summed in the database. The SPUK theme and the SPUK part of an intervention's funding mix
are funding's data, read through `interventions.extensions.funding_provider()`; this app never names
funding and never stores those amounts itself.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from areas.models import ActionLine
from core.workflow import labelled_transitions

from .extensions import funding_provider
from .models import (
    PUBLIC_FIELDS,
    FundingSource,
    Intervention,
    InterventionStatus,
    OtherFunding,
    OutputMeasure,
    ProgressUpdate,
)

CENT = Decimal("0.01")
MONEY_FIELD = DecimalField(max_digits=16, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY_FIELD)
# The model fields of the library's public summary (`theme` is annotated by the funding provider).
PUBLIC_MODEL_FIELDS = tuple(name for name in PUBLIC_FIELDS if name != "theme")


def cents(amount) -> Decimal:
    """SQLite sums decimals as floats; round every database total to cents before showing it."""
    return Decimal(amount or 0).quantize(CENT)


def _other_funding_sum() -> Subquery:
    return Subquery(
        OtherFunding.objects.filter(intervention=OuterRef("pk"))
        .order_by()
        .values("intervention")
        .annotate(total=Sum("amount"))
        .values("total"),
        output_field=MONEY_FIELD,
    )


def intervention_list(*, user) -> QuerySet[Intervention]:
    """The interventions the user may see, with the SPUK amounts and other funding summed per row."""
    interventions = Intervention.objects.visible_to(user).select_related("area", "action_line", "lead_organisation")
    return (
        funding_provider()
        .with_funding(interventions, user=user)
        .annotate(other_funding_total=Coalesce(_other_funding_sum(), ZERO))
        .order_by("area__name", "title", "pk")
    )


def intervention_get(*, user, pk: int) -> Intervention:
    """The intervention with this id, or 404 when it lies outside the user's scope."""
    return get_object_or_404(intervention_list(user=user), pk=pk)


def intervention_detail(*, intervention: Intervention, user) -> dict:
    """Everything the detail page shows besides the intervention's own fields."""
    return {
        "outputs": list(OutputMeasure.objects.filter(intervention=intervention).order_by("pk")),
        "progress_updates": list(ProgressUpdate.objects.filter(intervention=intervention)),
        "partners": list(intervention.partners.order_by("name")),
        "funding": funding_mix(intervention=intervention, user=user),
        "history": history_of(intervention=intervention),
        "copies": intervention.copies.count(),
    }


def history_of(*, intervention: Intervention) -> list:
    """The transition log with Dutch status names (an empty source is the creation of the record)."""
    return labelled_transitions(intervention)


def funding_mix(*, intervention: Intervention, user) -> dict:
    """Per funding stream: SPUK lines per theme (from funding) and other sources (entered here)."""
    spuk = funding_provider().spuk_lines(intervention=intervention, user=user)
    labels = dict(FundingSource.choices)
    other = [
        {"source": labels.get(row["source"], row["source"]), "amount": cents(row["total"])}
        for row in OtherFunding.objects.filter(intervention=intervention)
        .order_by()
        .values("source")
        .annotate(total=Sum("amount"))
        .order_by("source")
    ]
    other_rows = list(OtherFunding.objects.filter(intervention=intervention).order_by("source", "pk"))
    spuk_requested = sum((row["requested"] for row in spuk), Decimal("0.00"))
    spuk_granted = sum((row["granted"] or Decimal("0.00") for row in spuk), Decimal("0.00"))
    other_total = sum((row["amount"] for row in other), Decimal("0.00"))
    return {
        "spuk": spuk,
        "other": other,
        "other_rows": other_rows,
        "spuk_requested": spuk_requested,
        "spuk_granted": spuk_granted,
        "other_total": other_total,
        "total": spuk_granted + other_total,
    }


def area_overview(*, interventions: QuerySet[Intervention], user) -> dict:
    """Counts per action line and status, planned budget per action line, and the totals of the list
    (the SPUK totals over the application lines `user` may see, like the rows)."""
    rows = (
        interventions.order_by()
        .values("action_line__number", "status")
        .annotate(n=Count("pk"), budget=Sum("planned_budget"))
    )
    statuses = InterventionStatus.choices
    lines = {line.number: line for line in ActionLine.objects.order_by("number")}
    matrix = {
        number: {"line": line, "counts": dict.fromkeys(dict(statuses), 0), "budget": Decimal("0")}
        for number, line in lines.items()
    }
    by_status = dict.fromkeys(dict(statuses), 0)
    for row in rows:
        cell = matrix.get(row["action_line__number"])
        if cell is None:
            continue
        cell["counts"][row["status"]] += row["n"]
        cell["budget"] += cents(row["budget"])
        by_status[row["status"]] += row["n"]
    totals = interventions.order_by().aggregate(count=Count("pk"), planned_budget=Sum("planned_budget"))
    other = OtherFunding.objects.filter(intervention__in=interventions.order_by().values("pk")).aggregate(
        total=Sum("amount")
    )
    spuk = funding_provider().spuk_totals(interventions=interventions, user=user)
    return {
        "statuses": statuses,
        "rows": [
            {
                "line": cell["line"],
                "counts": [cell["counts"][value] for value, _label in statuses],
                "total": sum(cell["counts"].values()),
                "budget": cell["budget"],
            }
            for cell in matrix.values()
        ],
        "by_status": [by_status[value] for value, _label in statuses],
        "count": totals["count"],
        "planned_budget": cents(totals["planned_budget"]),
        "other_funding": cents(other["total"]),
        "spuk_requested": cents(spuk["requested"]),
        "spuk_granted": cents(spuk["granted"]),
    }


def library_list() -> QuerySet[Intervention]:
    """The national library: interventions of every area, summary fields only (see PUBLIC_FIELDS)."""
    interventions = (
        Intervention.objects.in_library()
        .select_related("area", "action_line", "lead_organisation")
        .only(
            *PUBLIC_MODEL_FIELDS,
            "area__name",
            "area__slug",
            "action_line__number",
            "action_line__name",
            "lead_organisation__name",
        )
    )
    return funding_provider().with_theme(interventions).order_by("title", "area__name", "pk")


def library_get(*, pk: int) -> Intervention:
    return get_object_or_404(library_list(), pk=pk)


def library_outputs(*, intervention: Intervention) -> list[OutputMeasure]:
    """Outputs are part of the summary: what an intervention reached is what other areas learn from."""
    return list(OutputMeasure.objects.filter(intervention=intervention).only("name", "unit", "target", "actual"))


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


def has_private_access(*, user, intervention: Intervention) -> bool:
    """Whether the user may see the full record (its own area, or a nationwide role)."""
    return Intervention.objects.visible_to(user).filter(pk=intervention.pk).exists()
