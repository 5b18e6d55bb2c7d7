"""Reads for schemes, ceilings and applications. Every read starts from what the user may see.

Money is summed in the database; nothing here loops over lines in Python to add up euros.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from .models import Application, ApplicationLine, ApplicationStatus, Ceiling, Scheme, Theme

ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))

# Applications whose lines count against a ceiling: everything but withdrawn and rejected.
COUNTING_STATUSES = [
    s for s in ApplicationStatus.values if s not in (ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED)
]


def scheme_list() -> QuerySet[Scheme]:
    return Scheme.objects.prefetch_related("themes", "legal_bases")


def ceiling_overview(*, area, scheme: Scheme) -> list[dict]:
    """Per theme of the scheme: the area's ceiling, what it requested, and what remains."""
    requested = (
        ApplicationLine.objects.filter(
            application__area=area, application__status__in=COUNTING_STATUSES, theme=OuterRef("theme")
        )
        .order_by()
        .values("theme")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    ceilings = (
        Ceiling.objects.filter(area=area, theme__scheme=scheme)
        .select_related("theme")
        .annotate(requested=Coalesce(Subquery(requested), ZERO))
        .order_by("theme__position")
    )
    return [
        {
            "theme": c.theme,
            "ceiling": c.amount,
            "requested": c.requested,
            "remaining": c.amount - c.requested,
            "is_illustrative": c.is_illustrative,
        }
        for c in ceilings
    ]


def area_summary(*, area, user) -> dict:
    schemes = list(Scheme.objects.filter(themes__ceilings__area=area).distinct().order_by("-first_year"))
    return {
        "ceilings": [
            {"scheme": scheme, "rows": rows, "total": sum((r["ceiling"] for r in rows), Decimal("0"))}
            for scheme in schemes
            if (rows := ceiling_overview(area=area, scheme=scheme))
        ],
        "applications": Application.objects.visible_to(user).filter(area=area).select_related("scheme")[:10],
    }


def scheme_overview(*, user) -> QuerySet[Scheme]:
    """Schemes with their theme budgets and the ceilings handed out, summed in the database."""
    ceiling_total = (
        Ceiling.objects.filter(theme__scheme=OuterRef("pk"), area__is_synthetic=False)
        .order_by()
        .values("theme__scheme")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    themes_total = (
        Theme.objects.filter(scheme=OuterRef("pk"))
        .order_by()
        .values("scheme")
        .annotate(total=Sum("budget"))
        .values("total")
    )
    return Scheme.objects.annotate(
        ceilings_total=Subquery(ceiling_total), themes_total=Subquery(themes_total)
    ).order_by("-first_year", "name")


def application_list(*, user) -> QuerySet[Application]:
    return Application.objects.visible_to(user).select_related("area", "scheme")


def application_get(*, user, pk: int) -> Application:
    return get_object_or_404(application_list(user=user), pk=pk)
