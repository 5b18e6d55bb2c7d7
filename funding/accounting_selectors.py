"""Reads for accounting: payments, spending reports, the carry-over ledger, the money overview and SiSa.

Every read starts from what the user may see. Money is summed in the database; the carry-over
arithmetic (funding.carryover) then runs over those sums, never over single rows.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from accounts.models import Role
from core.money import ZERO, cents
from core.workflow import labelled_transitions

from .carryover import CarryOverRule, Ledger, ledger
from .models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    GrantDecision,
    Payment,
    PaymentInstalment,
    Scheme,
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
    return qs.annotate(spent=Sum("lines__amount")).order_by("-year", "application__area__name", "pk")


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
