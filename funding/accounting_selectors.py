"""Reads for accounting: payments, spending reports, the carry-over ledger, the money overview and SiSa.

Every read starts from what the user may see. Money is summed in the database; the carry-over
arithmetic (funding.carryover) then runs over those sums, never over single rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from django.db import connections
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.shortcuts import get_object_or_404

from accounts.models import Role
from core.money import ZERO, cents
from core.workflow import labelled_transitions

from .carryover import CarryOverRule, Ledger, ledger, ledger_cells
from .models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    GrantDecision,
    Payment,
    PaymentInstalment,
    Scheme,
    SisaIndicator,
    SpendingLine,
    SpendingReport,
    SpendingReportStatus,
    Theme,
)

# Reports whose spending counts in the ledger: what the bureau has handed in and what was accepted.
COUNTED_STATUSES = [SpendingReportStatus.SUBMITTED, SpendingReportStatus.ACCEPTED]
GRANTED_STATUSES = [ApplicationStatus.GRANTED, ApplicationStatus.PARTLY_GRANTED]


def _reviewer_ministry(user) -> str | None:
    if user.role == Role.MINISTRY_REVIEWER and not user.is_superuser:
        return user.ministry
    return None


# ---------------------------------------------------------------------------------------------
# The ledger of one application


def application_ledger(
    *, application: Application, extra_report: SpendingReport | None = None, accepted_only: bool = False
) -> Ledger:
    """Per theme and year of one application: granted, carried, spent (submitted and accepted reports,
    plus `extra_report` whatever its status), in four queries."""
    scheme = application.scheme
    themes = list(Theme.objects.filter(scheme=scheme).order_by("position", "pk"))
    granted = {
        (row["theme_id"], row["year"]): cents(row["total"])
        for row in ApplicationLine.objects.filter(application=application)
        .order_by()
        .values("theme_id", "year")
        .annotate(total=Sum("granted_amount"))
    }
    statuses = [SpendingReportStatus.ACCEPTED] if accepted_only else COUNTED_STATUSES
    counted = Q(report__status__in=statuses)
    if extra_report is not None:
        counted |= Q(report=extra_report)
    spent = {
        (row["theme_id"], row["report__year"]): cents(row["total"])
        for row in SpendingLine.objects.filter(counted, report__application=application)
        .order_by()
        .values("theme_id", "report__year")
        .annotate(total=Sum("amount"))
    }
    integral = next((t.pk for t in themes if t.is_integral), None)
    return ledger(
        rule=CarryOverRule.of(scheme), granted=granted, spent=spent, themes=[t.pk for t in themes], integral=integral
    )


def ledger_rows(book: Ledger, *, themes: dict, ministry: str | None = None, until: int | None = None) -> list[dict]:
    """The ledger as table rows with the theme objects, optionally for one ministry's themes only."""
    rows = []
    for cell in book.rows():
        theme = themes.get(cell.theme)
        if theme is None or (ministry and theme.ministry != ministry) or (until and cell.year > until):
            continue
        if not (cell.granted or cell.spent or cell.carried_in or cell.moved_in):
            continue
        rows.append({"theme": theme, "cell": cell})
    return rows


# ---------------------------------------------------------------------------------------------
# Payments


def payment_list(*, user) -> QuerySet[Payment]:
    return Payment.objects.visible_to(user).select_related(
        "municipality", "grant_decision__application__area", "recorded_by"
    )


def instalment_list(*, user) -> QuerySet[PaymentInstalment]:
    return PaymentInstalment.objects.visible_to(user).select_related("grant_decision__application__area__municipality")


def paid_per_decision(decision_ids) -> dict[int, Decimal]:
    return {
        row["grant_decision_id"]: cents(row["total"])
        for row in Payment.objects.filter(grant_decision_id__in=decision_ids)
        .order_by()
        .values("grant_decision_id")
        .annotate(total=Sum("amount"))
    }


def municipality_payment_totals(*, user, scheme: Scheme | None = None) -> list[dict]:
    """Per municipality (Amsterdam's two areas added up): granted, scheduled and paid, from what the user sees."""
    decisions = GrantDecision.objects.visible_to(user).filter(application__status__in=GRANTED_STATUSES)
    ministry = _reviewer_ministry(user)
    if ministry:
        decisions = decisions.filter(application__lines__theme__ministry=ministry).distinct()
    if scheme is not None:
        decisions = decisions.filter(application__scheme=scheme)
    ids = list(decisions.values_list("pk", flat=True))
    rows: dict[int, dict] = {}
    for row in (
        GrantDecision.objects.filter(pk__in=ids)
        .order_by()
        .values("application__area__municipality_id", "application__area__municipality__name")
        .annotate(granted=Sum("total_granted"))
    ):
        rows[row["application__area__municipality_id"]] = {
            "municipality": row["application__area__municipality__name"],
            "granted": cents(row["granted"]),
            "scheduled": ZERO,
            "paid": ZERO,
        }
    for model, key in ((PaymentInstalment, "scheduled"), (Payment, "paid")):
        for row in (
            model.objects.filter(grant_decision_id__in=ids)
            .order_by()
            .values("grant_decision__application__area__municipality_id")
            .annotate(total=Sum("amount"))
        ):
            rows[row["grant_decision__application__area__municipality_id"]][key] = cents(row["total"])
    return sorted(rows.values(), key=lambda r: r["municipality"])


# ---------------------------------------------------------------------------------------------
# Spending reports


def report_list(*, user, filters: dict | None = None) -> QuerySet[SpendingReport]:
    qs = SpendingReport.objects.visible_to(user).select_related(
        "application__area__municipality", "application__scheme"
    )
    filters = filters or {}
    if filters.get("status") in SpendingReportStatus.values:
        qs = qs.filter(status=filters["status"])
    if str(filters.get("year", "")).isdigit():
        qs = qs.filter(year=int(filters["year"]))
    # A subquery, not a join: the reviewer's scope joins application lines, which would multiply a joined sum.
    lines = SpendingLine.objects.filter(report=OuterRef("pk"))
    if ministry := _reviewer_ministry(user):
        lines = lines.filter(theme__ministry=ministry)
    spent = lines.order_by().values("report").annotate(total=Sum("amount")).values("total")
    return qs.annotate(spent=Subquery(spent)).order_by("-year", "application__area__name", "pk")


def report_get(*, user, pk: int) -> SpendingReport:
    return get_object_or_404(
        SpendingReport.objects.visible_to(user).select_related(
            "application__area__municipality", "application__scheme", "endorsement__meeting", "accepted_by"
        ),
        pk=pk,
    )


def report_lines(*, user, report: SpendingReport) -> QuerySet[SpendingLine]:
    return (
        SpendingLine.objects.visible_to(user)
        .filter(report=report)
        .select_related("theme", "intervention")
        .order_by("theme__position", "intervention__title", "pk")
    )


def report_history(*, report: SpendingReport) -> list:
    return labelled_transitions(report)


def report_ledger_rows(*, user, report: SpendingReport) -> list[dict]:
    """The carry-over table of the report's application, up to the report's year, as the user may see it."""
    application = report.application
    book = application_ledger(application=application, extra_report=report)
    themes = {t.pk: t for t in Theme.objects.filter(scheme=application.scheme)}
    return ledger_rows(book, themes=themes, ministry=_reviewer_ministry(user), until=report.year)


def reportable_applications(*, user) -> QuerySet[Application]:
    """Granted applications of the user's area for which a report may be drafted."""
    return (
        Application.objects.visible_to(user)
        .filter(status__in=GRANTED_STATUSES)
        .select_related("area", "scheme")
        .order_by("-scheme__first_year")
    )


def endorsement_choices(*, area, report: SpendingReport | None = None):
    """Adopted decisions of the area's alliance that endorse a spending report and are not bound to another."""
    from alliances.models import Decision, DecisionOutcome, DecisionSubject

    qs = Decision.objects.filter(
        meeting__alliance__area=area,
        subject=DecisionSubject.ENDORSE_SPENDING_REPORT,
        outcome=DecisionOutcome.ADOPTED,
    )
    bound = Q(endorsed_spending_report__isnull=False)
    if report is not None:
        bound &= ~Q(endorsed_spending_report=report)
    return qs.exclude(bound).select_related("meeting").order_by("-meeting__date", "pk")


# ---------------------------------------------------------------------------------------------
# Money overview: per area, per municipality, nationally


def _granted_applications(*, user, scheme: Scheme, area=None, municipality=None) -> QuerySet[Application]:
    qs = Application.objects.visible_to(user).filter(scheme=scheme, status__in=GRANTED_STATUSES)
    if area is not None:
        qs = qs.filter(area=area)
    if municipality is not None:
        qs = qs.filter(area__municipality=municipality)
    return qs


def _ledger_figures(applications: QuerySet[Application], *, statuses) -> Iterator[tuple[int, dict, dict]]:
    """Per application, in id order: what was granted and what was spent, by (theme, year).

    Two queries, the granted and the spent lines, each summed in the database per application, theme
    and year, ordered by application and read in chunks side by side. Only one application's figures
    are held at a time, whatever the number of applications.
    """
    ids = applications.order_by().values("pk")
    granted = (
        ApplicationLine.objects.filter(application__in=ids)
        .values_list("application_id", "theme_id", "year")
        .annotate(total=Sum("granted_amount"))
        .order_by("application_id")
    )
    spent = (
        SpendingLine.objects.filter(report__application__in=ids, report__status__in=statuses)
        .values_list("report__application_id", "theme_id", "report__year")
        .annotate(total=Sum("amount"))
        .order_by("report__application_id")
    )
    database = connections[applications.db]
    with _chunked_cursor(database) as granted_cursor, _chunked_cursor(database) as spent_cursor:
        spent_per_application = _per_application(spent_cursor, spent)
        spent_next = next(spent_per_application, None)
        for application_id, granted_figures in _per_application(granted_cursor, granted):
            spent_figures = {}
            while spent_next is not None and spent_next[0] <= application_id:
                if spent_next[0] == application_id:
                    spent_figures = spent_next[1]
                else:  # spending without a granted line
                    yield spent_next[0], {}, spent_next[1]
                spent_next = next(spent_per_application, None)
            yield application_id, granted_figures, spent_figures
        while spent_next is not None:
            yield spent_next[0], {}, spent_next[1]
            spent_next = next(spent_per_application, None)


def _chunked_cursor(database):
    """A cursor that reads a large result in chunks: server-side on PostgreSQL, unless switched off."""
    if database.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
        return database.cursor()
    return database.chunked_cursor()


def _per_application(cursor, queryset: QuerySet) -> Iterator[tuple[int, dict]]:
    """The (application, theme, year, total) rows of `queryset`, ordered by application, as one
    {(theme, year): total} per application.

    Read straight from the cursor: the ORM's per-row converters would cost more than the sums
    themselves. SQLite's SUM may come back as a float, hence `cents`.
    """
    cursor.execute(*queryset.query.sql_with_params())
    current, figures = None, {}
    while chunk := cursor.fetchmany(LEDGER_CHUNK):
        for application_id, theme_id, year, total in chunk:
            if application_id != current:
                if current is not None:
                    yield current, figures
                current, figures = application_id, {}
            figures[(theme_id, year)] = total if type(total) is Decimal else cents(total)
    if current is not None:
        yield current, figures


# Rows per fetch of the streamed ledger figures (about fifty applications): what bounds the memory.
LEDGER_CHUNK = 1000

MEASURES = ("granted", "carried_in", "spent", "carried_out", "lapsed")


def money_overview(*, user, scheme: Scheme, area=None, municipality=None) -> dict:
    """Granted, carried, spent, paid and reclaimed per theme and year, added up over the visible applications.

    Each application's ledger is worked out from its streamed figures, folded into the running totals
    and dropped, so memory does not grow with the number of applications. A ministry reviewer sees only
    its own ministry's themes, and no paid or reclaimed totals (they are not per theme).
    """
    applications = _granted_applications(user=user, scheme=scheme, area=area, municipality=municipality)
    all_themes = list(Theme.objects.filter(scheme=scheme).order_by("position", "pk"))
    ministry = _reviewer_ministry(user)
    themes = [t for t in all_themes if not ministry or t.ministry == ministry]
    # Running totals per (theme, year), in the order of MEASURES.
    sums: dict[tuple, list] = {(t.pk, y): [ZERO] * len(MEASURES) for t in themes for y in scheme.years}
    rule = CarryOverRule.of(scheme)
    order = [t.pk for t in all_themes]
    integral = next((t.pk for t in all_themes if t.is_integral), None)
    for _application_id, granted, spent in _ledger_figures(applications, statuses=COUNTED_STATUSES):
        for cell in ledger_cells(rule=rule, granted=granted, spent=spent, themes=order, integral=integral):
            theme, year, amount, carried_in, moved_in, moved_out, spending, _excess, carried_out, lapsed = cell
            target = sums.get((theme, year))
            if target is not None:
                target[0] += amount
                target[1] += carried_in + moved_in - moved_out
                target[2] += spending
                target[3] += carried_out
                target[4] += lapsed
    sums = {key: dict(zip(MEASURES, values, strict=True)) for key, values in sums.items()}
    rows = [
        {"theme": t, "year": y, **sums[(t.pk, y)]}
        for t in themes
        for y in scheme.years
        if any(sums[(t.pk, y)].values())
    ]
    years = [
        {"year": y, **{m: sum((sums[(t.pk, y)][m] for t in themes), ZERO) for m in MEASURES}} for y in scheme.years
    ]
    ids = applications.order_by().values("pk")
    paid_by_year = {}
    reclaimed = still_to_pay = None
    if not ministry:
        paid_by_year = {
            row["year"]: cents(row["total"])
            for row in Payment.objects.filter(grant_decision__application__in=ids)
            .order_by()
            .values("year")
            .annotate(total=Sum("amount"))
        }
        finals = SpendingReport.objects.filter(
            application__in=ids, is_final=True, status=SpendingReportStatus.ACCEPTED
        ).aggregate(reclaim=Sum("reclaim_amount"), to_pay=Sum("still_to_pay_amount"))
        reclaimed, still_to_pay = cents(finals["reclaim"]), cents(finals["to_pay"])
    for year in years:
        year["paid"] = paid_by_year.get(year["year"], ZERO) if not ministry else None
    totals = {m: sum((y[m] for y in years), ZERO) for m in ("granted", "spent", "lapsed")}
    totals["paid"] = sum(paid_by_year.values(), ZERO) if not ministry else None
    totals["reclaimed"] = reclaimed
    totals["still_to_pay"] = still_to_pay
    return {
        "scheme": scheme,
        "rows": rows,
        "years": years,
        "totals": totals,
        "applications": applications.count(),
        "chart": _chart(years, show_paid=not ministry),
        "reviewer_ministry": ministry,
    }


def _chart(years: list[dict], *, show_paid: bool) -> dict:
    """Bar geometry for a server-rendered SVG: per year granted, paid and spent side by side."""
    series = [("granted", "bar--granted"), ("spent", "bar--spent")]
    if show_paid:
        series.insert(1, ("paid", "bar--paid"))
    top = max([y[key] or ZERO for y in years for key, _ in series] + [Decimal("1")])
    height, bar, gap, group_gap, left = 160, 18, 4, 28, 10
    groups = []
    x = left
    for year in years:
        bars = []
        for key, css in series:
            value = year[key] or ZERO
            h = int(Decimal(height) * value / top)
            bars.append({"key": key, "css": css, "x": x, "y": 10 + height - h, "height": h, "value": value})
            x += bar + gap
        groups.append({"year": year["year"], "bars": bars, "label_x": x - (bar + gap) * len(series) / 2})
        x += group_gap
    return {"groups": groups, "width": x, "height": height + 40, "bar": bar, "baseline": 10 + height, "series": series}


def schemes_with_applications() -> list[Scheme]:
    """The schemes the money overview can show, newest first."""
    return list(
        Scheme.objects.filter(Exists(Application.objects.filter(scheme=OuterRef("pk")))).order_by("-first_year")
    )


def municipality_list(*, user, scheme: Scheme | None = None):
    """The municipalities with a granted application the user may see."""
    from areas.models import Municipality

    qs = Application.objects.visible_to(user).filter(status__in=GRANTED_STATUSES)
    if scheme is not None:
        qs = qs.filter(scheme=scheme)
    return Municipality.objects.filter(pk__in=qs.values("area__municipality")).order_by("name")


# ---------------------------------------------------------------------------------------------
# SiSa: one row per municipality × scheme × year, from the accepted reports only

FVW = "Financiële-verhoudingswet, art. 15a"


def sisa_indicators(*, scheme: Scheme, year: int) -> list[SisaIndicator]:
    return list(
        SisaIndicator.objects.filter(scheme=scheme, year=year).select_related("theme").order_by("position", "code")
    )


def sisa_legal_basis(scheme: Scheme) -> str:
    citations = [basis.citation for basis in scheme.legal_bases.order_by("kind", "citation")]
    return "; ".join([*citations, FVW])


def sisa_rows(*, scheme: Scheme, year: int, municipalities=None):
    """Per municipality (areas added up): the value of each indicator, the reports it rests on and the reclaim.

    Spending is read from accepted reports only, so the figures reconcile to the cent with them. Rows
    are yielded one by one; the figures come from three grouped queries, each joining the application
    once (a join, not an `IN` subquery of applications next to a second join for the municipality).
    """
    from areas.models import Municipality

    indicators = sisa_indicators(scheme=scheme, year=year)
    granted = {"scheme": scheme, "status__in": GRANTED_STATUSES}

    def of_granted(path: str) -> dict:
        return {f"{path}__{key}": value for key, value in granted.items()}

    places = Municipality.objects.filter(**of_granted("areas__applications"))
    spent_lines = SpendingLine.objects.filter(
        **of_granted("report__application"), report__status=SpendingReportStatus.ACCEPTED, report__year__lte=year
    )
    accepted = SpendingReport.objects.filter(
        **of_granted("application"), status=SpendingReportStatus.ACCEPTED, year=year
    )
    if municipalities is not None:
        if not isinstance(municipalities, QuerySet):
            municipalities = [getattr(m, "pk", m) for m in municipalities]
        places = places.filter(pk__in=municipalities)
        spent_lines = spent_lines.filter(report__application__area__municipality__in=municipalities)
        accepted = accepted.filter(application__area__municipality__in=municipalities)
    spent: dict[int, dict] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for row in (
        spent_lines.order_by()
        .values("report__application__area__municipality_id", "theme_id", "report__year")
        .annotate(total=Sum("amount"))
    ):
        spent[row["report__application__area__municipality_id"]][(row["theme_id"], row["report__year"])] += cents(
            row["total"]
        )
    reports: dict[int, list] = defaultdict(list)
    finals: dict[int, int] = defaultdict(int)
    reclaim: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for report in accepted.order_by("application__reference").values(
        "pk", "application__reference", "application__area__municipality_id", "is_final", "reclaim_amount"
    ):
        municipality_id = report["application__area__municipality_id"]
        reports[municipality_id].append(f"{report['application__reference']}/{year} (#{report['pk']})")
        if report["is_final"]:
            finals[municipality_id] += 1
            reclaim[municipality_id] += report["reclaim_amount"] or ZERO
    # The count follows the filter above, so it counts the granted applications of the scheme only.
    places = places.annotate(granted_applications=Count("areas__applications")).only("pk", "name", "cbs_code")
    for municipality in places.order_by("name").iterator():
        figures = spent[municipality.pk]
        is_final = year == scheme.last_year and finals[municipality.pk] == municipality.granted_applications
        values = []
        for indicator in indicators:
            values.append((indicator, _sisa_value(indicator, figures, year, is_final)))
        yield {
            "municipality": municipality,
            "values": values,
            "reports": reports[municipality.pk],
            "reclaim": reclaim[municipality.pk] if is_final else None,
        }


def _sisa_value(indicator: SisaIndicator, figures: dict, year: int, is_final: bool):
    measure = indicator.measure
    if measure == SisaIndicator.Measure.FINAL:
        return "Ja" if is_final else "Nee"
    theme_id = indicator.theme_id
    total = ZERO
    for (theme, spent_year), amount in figures.items():
        if theme_id is not None and theme != theme_id:
            continue
        if (
            measure == SisaIndicator.Measure.SPENDING_YEAR
            and spent_year == year
            or measure == SisaIndicator.Measure.SPENDING_CUMULATIVE
            and spent_year <= year
        ):
            total += amount
    return total
