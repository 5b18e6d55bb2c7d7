"""Reads for areas and alliances. Every read starts from what the user may see."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from .models import Alliance, Area, Membership, ResidentRepresentation


def area_list(*, user, search: str = "", ordering: str = "name") -> QuerySet[Area]:
    qs = Area.objects.visible_to(user).select_related("municipality")
    if search:
        qs = qs.filter(
            Q(name__icontains=search) | Q(municipality__name__icontains=search) | Q(programme_name__icontains=search)
        )
    allowed = {"name", "-name", "municipality__name", "-municipality__name", "residents", "-residents"}
    return qs.order_by(ordering if ordering in allowed else "name", "pk")


def area_get(*, user, slug: str) -> Area:
    """The area with this slug, or 404 when it does not exist or lies outside the user's scope."""
    return get_object_or_404(Area.objects.visible_to(user).select_related("municipality"), slug=slug)


def area_totals(*, areas: QuerySet[Area]) -> dict:
    return areas.aggregate(count=Count("pk"), residents=Sum("residents"))


def representation_counts(*, areas: QuerySet[Area]) -> dict[str, int]:
    """Areas per mode of resident representation, in the order of the choices (7 / 3 / 10 in 2025)."""
    counts = dict(areas.order_by().values_list("resident_representation").annotate(n=Count("pk")))
    return {label: counts.get(value, 0) for value, label in ResidentRepresentation.choices}


def current_members(*, area: Area, day) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(alliance__area=area)
        .active_on(day)
        .select_related("person", "organisation")
        .order_by("role", "person__name")
    )


def alliance_of(*, area: Area):
    return Alliance.objects.filter(area=area).first()


def monitor_table(*, user) -> list[dict]:
    """The national monitor per action line: each indicator with its NPLV and NL figure per year."""
    from django.db.models import Prefetch

    from .models import ActionLine, Indicator, IndicatorValue

    values = IndicatorValue.objects.visible_to(user).filter(area__isnull=True).order_by("year")
    indicators = Indicator.objects.select_related("action_line").prefetch_related(
        Prefetch("values", queryset=values, to_attr="averages")
    )
    years = sorted(set(values.values_list("year", flat=True)))
    by_line: dict[int, dict] = {
        line.number: {"line": line, "rows": []} for line in ActionLine.objects.order_by("number")
    }
    for indicator in indicators:
        cells = {(v.year, v.scope): v.value for v in indicator.averages}
        by_line[indicator.action_line.number]["rows"].append(
            {
                "indicator": indicator,
                "years": [{"year": y, "nplv": cells.get((y, "nplv")), "nl": cells.get((y, "national"))} for y in years],
            }
        )
    return [{"years": years, **group} for group in by_line.values() if group["rows"]]
