"""Reads for reports: the money per scheme × area × theme, the quarter of an area, the year of the
programme, and the lists of runs a user may see.

Money is summed in the database. The reports run as the system (scheduled, or for a user who may
see what they contain); who may download the result is checked at the door (`ReportRun.visible_to`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from django.db.models import Count, Q, QuerySet, Sum

from alliances.models import OPEN_BOTTLENECK_STATUSES, Bottleneck, Decision, Meeting
from areas.models import Area
from core.money import CENT, ZERO, cents
from funding.models import (
    ApplicationLine,
    ApplicationStatus,
    Ceiling,
    Payment,
    SpendingLine,
    SpendingReportStatus,
    Theme,
)
from interventions.models import Intervention, InterventionStatus, OutputMeasure, ProgressUpdate
from monitoring.models import Indicator, IndicatorValue

from .models import BudgetSnapshot, ReportRun

# What counts as asked for: every application that left the draft, unless withdrawn.
REQUESTED_STATUSES = [
    s for s in ApplicationStatus.values if s not in (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)
]
GRANTED_STATUSES = [ApplicationStatus.GRANTED, ApplicationStatus.PARTLY_GRANTED]
# Spending counts once the bureau has reported it (submitted) and stays counted when accepted.
SPENDING_STATUSES = [SpendingReportStatus.SUBMITTED, SpendingReportStatus.ACCEPTED]
MONEY_COLUMNS = ("ceiling", "requested", "granted", "paid", "spent")


@dataclass
class BudgetRow:
    scheme_id: int
    area_id: int
    theme_id: int
    ceiling: Decimal = ZERO
    requested: Decimal = ZERO
    granted: Decimal = ZERO
    paid: Decimal = ZERO
    spent: Decimal = ZERO


def split_by_weights(total: Decimal, weights: dict) -> dict:
    """Split `total` euros over the keys in proportion to `weights`, in whole cents, adding up exactly.

    Largest remainder: every key gets its share rounded down to the cent, and the cents left over go
    to the largest remainders (ties by key order). No weights (or all zero): nothing is split.
    """
    total_cents = int((cents(total) / CENT).to_integral_value())
    weight_sum = sum(weights.values(), Decimal(0))
    if not weights or weight_sum <= 0 or total_cents == 0:
        return dict.fromkeys(weights, ZERO)
    shares = {}
    remainders = []
    for key, weight in weights.items():
        exact = Decimal(total_cents) * Decimal(weight) / weight_sum
        whole = int(exact.to_integral_value(rounding=ROUND_FLOOR))
        shares[key] = whole
        remainders.append((exact - whole, key))
    left = total_cents - sum(shares.values())
    for _, key in sorted(remainders, key=lambda item: item[0], reverse=True)[:left]:
        shares[key] += 1
    return {key: (Decimal(value) * CENT).quantize(CENT) for key, value in shares.items()}


def budget_figures(*, area_ids=None) -> list[BudgetRow]:
    """Per scheme × area × theme: ceiling, requested, granted, paid and spent, as of now.

    Five grouped queries, whatever the number of areas. Advances are paid per grant decision, not per
    theme: each decision's payments are split over its themes in proportion to what each theme was
    granted (whole cents, adding up exactly), so that the themes of an area add up to what was paid.
    """
    area_filter = {} if area_ids is None else {"area_id__in": list(area_ids)}
    line_area_filter = {} if area_ids is None else {"application__area_id__in": list(area_ids)}
    rows: dict[tuple[int, int], BudgetRow] = {}
    themes = dict(Theme.objects.values_list("pk", "scheme_id"))

    def row(area_id: int, theme_id: int) -> BudgetRow:
        key = (area_id, theme_id)
        if key not in rows:
            rows[key] = BudgetRow(scheme_id=themes[theme_id], area_id=area_id, theme_id=theme_id)
        return rows[key]

    for c in Ceiling.objects.filter(**area_filter).values("area_id", "theme_id", "amount"):
        row(c["area_id"], c["theme_id"]).ceiling = cents(c["amount"])
    sums = (
        ApplicationLine.objects.filter(**line_area_filter)
        .order_by()
        .values("application__area_id", "theme_id")
        .annotate(
            requested=Sum("amount", filter=Q(application__status__in=REQUESTED_STATUSES)),
            granted=Sum("granted_amount", filter=Q(application__status__in=GRANTED_STATUSES)),
        )
    )
    for s in sums:
        r = row(s["application__area_id"], s["theme_id"])
        r.requested = cents(s["requested"])
        r.granted = cents(s["granted"])
    # Granted per decision and theme: the weights for splitting that decision's payments.
    weights: dict[int, dict[int, Decimal]] = defaultdict(dict)
    decision_area: dict[int, int] = {}
    for g in (
        ApplicationLine.objects.filter(application__grant_decision__isnull=False, **line_area_filter)
        .order_by()
        .values("application__grant_decision", "application__area_id", "theme_id")
        .annotate(granted=Sum("granted_amount"))
    ):
        weights[g["application__grant_decision"]][g["theme_id"]] = cents(g["granted"])
        decision_area[g["application__grant_decision"]] = g["application__area_id"]
    payment_filter = {} if area_ids is None else {"grant_decision__application__area_id__in": list(area_ids)}
    for p in (
        Payment.objects.filter(paid_on__isnull=False, **payment_filter)
        .order_by()
        .values("grant_decision_id")
        .annotate(total=Sum("amount"))
    ):
        decision_id = p["grant_decision_id"]
        for theme_id, share in split_by_weights(cents(p["total"]), weights.get(decision_id, {})).items():
            r = row(decision_area[decision_id], theme_id)
            r.paid += share
    spend_filter = {} if area_ids is None else {"report__application__area_id__in": list(area_ids)}
    for s in (
        SpendingLine.objects.filter(report__status__in=SPENDING_STATUSES, **spend_filter)
        .order_by()
        .values("report__application__area_id", "theme_id")
        .annotate(total=Sum("amount"))
    ):
        row(s["report__application__area_id"], s["theme_id"]).spent = cents(s["total"])
    return sorted(rows.values(), key=lambda r: (r.scheme_id, r.area_id, r.theme_id))


def budget_trend(*, area, theme, since: date | None = None) -> QuerySet[BudgetSnapshot]:
    qs = BudgetSnapshot.objects.filter(area=area, theme=theme).order_by("day")
    return qs.filter(day__gte=since) if since else qs


# ---------------------------------------------------------------------------------------------
# The quarterly area report


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first = date(year, 3 * (quarter - 1) + 1, 1)
    last = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, date.fromordinal(last.toordinal() - 1)


def theme_totals() -> dict[int, dict]:
    """Per theme, over all areas: the five figures, summed in the database.

    Memory stays flat as areas grow: one dict per theme; advances are split per grant decision while
    the (decision, theme) rows stream by in decision order.
    """
    totals: dict[int, dict] = defaultdict(lambda: dict.fromkeys(MONEY_COLUMNS, ZERO))
    for row in Ceiling.objects.order_by().values("theme_id").annotate(total=Sum("amount")):
        totals[row["theme_id"]]["ceiling"] = cents(row["total"])
    for row in (
        ApplicationLine.objects.order_by()
        .values("theme_id")
        .annotate(
            requested=Sum("amount", filter=Q(application__status__in=REQUESTED_STATUSES)),
            granted=Sum("granted_amount", filter=Q(application__status__in=GRANTED_STATUSES)),
        )
    ):
        totals[row["theme_id"]]["requested"] = cents(row["requested"])
        totals[row["theme_id"]]["granted"] = cents(row["granted"])
    for row in (
        SpendingLine.objects.filter(report__status__in=SPENDING_STATUSES)
        .order_by()
        .values("theme_id")
        .annotate(total=Sum("amount"))
    ):
        totals[row["theme_id"]]["spent"] = cents(row["total"])
    paid = dict(
        Payment.objects.filter(paid_on__isnull=False)
        .order_by()
        .values_list("grant_decision_id")
        .annotate(total=Sum("amount"))
    )
    decision, weights = None, {}

    def flush() -> None:
        if decision in paid:
            for theme_id, share in split_by_weights(cents(paid[decision]), weights).items():
                totals[theme_id]["paid"] += share

    for row in (
        ApplicationLine.objects.filter(application__grant_decision__isnull=False)
        .values("application__grant_decision", "theme_id")
        .annotate(granted=Sum("granted_amount"))
        .order_by("application__grant_decision", "theme_id")
        .iterator(chunk_size=2000)
    ):
        if row["application__grant_decision"] != decision:
            flush()
            decision, weights = row["application__grant_decision"], {}
        weights[row["theme_id"]] = cents(row["granted"])
    flush()
    return totals


def area_totals(*, area_ids=None) -> dict[int, dict]:
    """Per area, over all themes: the five figures, summed in the database (paid: what was paid)."""
    totals: dict[int, dict] = defaultdict(lambda: dict.fromkeys(MONEY_COLUMNS, ZERO))

    def scoped(qs, path):
        return qs if area_ids is None else qs.filter(**{f"{path}__in": list(area_ids)})

    for row in scoped(Ceiling.objects, "area_id").order_by().values("area_id").annotate(total=Sum("amount")):
        totals[row["area_id"]]["ceiling"] = cents(row["total"])
    for row in (
        scoped(ApplicationLine.objects, "application__area_id")
        .order_by()
        .values("application__area_id")
        .annotate(
            requested=Sum("amount", filter=Q(application__status__in=REQUESTED_STATUSES)),
            granted=Sum("granted_amount", filter=Q(application__status__in=GRANTED_STATUSES)),
        )
    ):
        totals[row["application__area_id"]]["requested"] = cents(row["requested"])
        totals[row["application__area_id"]]["granted"] = cents(row["granted"])
    for row in (
        scoped(Payment.objects.filter(paid_on__isnull=False), "grant_decision__application__area_id")
        .order_by()
        .values("grant_decision__application__area_id")
        .annotate(total=Sum("amount"))
    ):
        totals[row["grant_decision__application__area_id"]]["paid"] = cents(row["total"])
    for row in (
        scoped(SpendingLine.objects.filter(report__status__in=SPENDING_STATUSES), "report__application__area_id")
        .order_by()
        .values("report__application__area_id")
        .annotate(total=Sum("amount"))
    ):
        totals[row["report__application__area_id"]]["spent"] = cents(row["total"])
    return totals


def money_table(*, area_ids=None) -> list[dict]:
    """The money per scheme and theme (summed over the given areas, or all), with a total per scheme."""
    themes = {t.pk: t for t in Theme.objects.select_related("scheme")}
    if area_ids is None:
        per_theme = {theme_id: {"theme": themes[theme_id], **figures} for theme_id, figures in theme_totals().items()}
    else:
        per_theme = {}
        for r in budget_figures(area_ids=area_ids):
            entry = per_theme.setdefault(
                r.theme_id, {"theme": themes[r.theme_id], **dict.fromkeys(MONEY_COLUMNS, ZERO)}
            )
            for column in MONEY_COLUMNS:
                entry[column] += getattr(r, column)
    schemes: dict[int, dict] = {}
    for entry in sorted(per_theme.values(), key=lambda e: (-e["theme"].scheme.first_year, e["theme"].position)):
        scheme = entry["theme"].scheme
        block = schemes.setdefault(
            scheme.pk, {"scheme": scheme, "rows": [], "total": dict.fromkeys(MONEY_COLUMNS, ZERO)}
        )
        block["rows"].append(entry)
        for column in MONEY_COLUMNS:
            block["total"][column] += entry[column]
    return list(schemes.values())


def area_quarter(*, area: Area, year: int, quarter: int) -> dict:
    """The area page's story for one quarter: money, interventions and outputs, indicators,
    bottlenecks, meetings and decisions."""
    first, last = quarter_bounds(year, quarter)
    interventions = Intervention.objects.filter(area=area)
    status_counts = dict(interventions.order_by().values_list("status").annotate(n=Count("pk")))
    running = list(
        interventions.filter(status=InterventionStatus.RUNNING).select_related("action_line").order_by("title")
    )
    outputs = defaultdict(list)
    for measure in OutputMeasure.objects.filter(intervention__in=running).order_by("pk"):
        outputs[measure.intervention_id].append(measure)
    updates = list(
        ProgressUpdate.objects.filter(intervention__area=area, year=year, quarter=quarter)
        .select_related("intervention")
        .order_by("intervention__title")
    )
    meetings = list(
        Meeting.objects.filter(alliance__area=area, date__range=(first, last))
        .order_by("date")
        .prefetch_related("decisions")
    )
    indicators = list(
        IndicatorValue.objects.filter(area=area)
        .select_related("indicator")
        .order_by("indicator__action_line__number", "indicator__pk", "-year")
    )
    latest: dict[int, IndicatorValue] = {}
    for value in indicators:
        latest.setdefault(value.indicator_id, value)
    return {
        "area": area,
        "year": year,
        "quarter": quarter,
        "first": first,
        "last": last,
        "money": money_table(area_ids=[area.pk]),
        "intervention_counts": [(label, status_counts.get(value, 0)) for value, label in InterventionStatus.choices],
        "running": [(i, outputs.get(i.pk, [])) for i in running],
        "progress_updates": updates,
        "indicators": list(latest.values()),
        "open_bottlenecks": list(
            Bottleneck.objects.filter(area=area, status__in=OPEN_BOTTLENECK_STATUSES).order_by("signalled_on")
        ),
        "new_bottlenecks": Bottleneck.objects.filter(area=area, signalled_on__range=(first, last)).count(),
        "meetings": meetings,
        "decision_count": Decision.objects.filter(meeting__in=[m.pk for m in meetings]).count(),
    }


# ---------------------------------------------------------------------------------------------
# The yearly national progress report


def national_monitor() -> list[dict]:
    """The national monitor table (NPLV and Dutch averages per indicator and year), as on /monitor/."""
    values = IndicatorValue.objects.filter(area__isnull=True).order_by("year")
    years = sorted(set(values.values_list("year", flat=True)))
    cells = defaultdict(dict)
    for v in values.values("indicator_id", "year", "scope", "value"):
        cells[v["indicator_id"]][(v["year"], v["scope"])] = v["value"]
    groups: dict[int, dict] = {}
    for indicator in Indicator.objects.select_related("action_line").order_by("action_line__number", "pk"):
        if indicator.pk not in cells:
            continue
        group = groups.setdefault(indicator.action_line.number, {"line": indicator.action_line, "rows": []})
        group["rows"].append(
            {
                "indicator": indicator,
                "years": [
                    {
                        "year": y,
                        "nplv": cells[indicator.pk].get((y, "nplv")),
                        "nl": cells[indicator.pk].get((y, "national")),
                    }
                    for y in years
                ],
            }
        )
    return [{"years": years, **g} for g in groups.values()]


def area_sections(*, year: int) -> list[dict]:
    """One line of figures per area for the yearly report, in a fixed number of queries.

    Every area of the programme (the benchmark's synthetic areas too: they stand for its growth)."""
    areas = list(Area.objects.select_related("municipality").order_by("name"))
    ids = [a.pk for a in areas]
    money = area_totals(area_ids=None)
    running = dict(
        Intervention.objects.filter(area_id__in=ids, status=InterventionStatus.RUNNING)
        .order_by()
        .values_list("area_id")
        .annotate(n=Count("pk"))
    )
    bottlenecks = dict(
        Bottleneck.objects.filter(area_id__in=ids, status__in=OPEN_BOTTLENECK_STATUSES)
        .order_by()
        .values_list("area_id")
        .annotate(n=Count("pk"))
    )
    meetings = dict(
        Meeting.objects.filter(alliance__area_id__in=ids, date__year=year)
        .order_by()
        .values_list("alliance__area_id")
        .annotate(n=Count("pk"))
    )
    return [
        {
            "area": a,
            "money": money.get(a.pk, dict.fromkeys(MONEY_COLUMNS, ZERO)),
            "running": running.get(a.pk, 0),
            "open_bottlenecks": bottlenecks.get(a.pk, 0),
            "meetings": meetings.get(a.pk, 0),
        }
        for a in areas
    ]


# ---------------------------------------------------------------------------------------------
# Runs


def run_list(*, user) -> QuerySet[ReportRun]:
    return ReportRun.objects.visible_to(user).select_related("area", "municipality", "requested_by")


def runs_of_user(*, user) -> QuerySet[ReportRun]:
    return run_list(user=user).filter(requested_by=user).prefetch_related("files")


def runs_of_area(*, user, area) -> QuerySet[ReportRun]:
    return run_list(user=user).filter(area=area).prefetch_related("files")
