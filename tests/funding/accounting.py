"""Test data for accounting: granted applications made directly (the application workflow has its own tests)."""

from __future__ import annotations

import random
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from alliances.models import Decision, DecisionOutcome, DecisionSubject
from funding.models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    GrantDecision,
    GrantOutcome,
    Payment,
    Scheme,
    SpendingLine,
    SpendingReport,
    SpendingReportStatus,
)

from .conftest import endorsement_for

_counter = {"n": 0}


def granted_application(area, scheme: Scheme, amounts: dict, *, decided_by, requested: dict | None = None):
    """A granted application of `area` with `amounts` {(theme_code, year): euros} and its decision."""
    _counter["n"] += 1
    application = Application.objects.create(
        area=area,
        scheme=scheme,
        reference=f"T-{scheme.code}-{area.pk}-{_counter['n']}",
        status=ApplicationStatus.GRANTED,
        submitted_at=timezone.make_aware(datetime(scheme.first_year - 1, 9, 1)),
    )
    themes = {t.code: t for t in scheme.themes.all()}
    total = Decimal("0")
    for (code, year), amount in amounts.items():
        amount = Decimal(str(amount))
        asked = Decimal(str((requested or {}).get((code, year), amount)))
        ApplicationLine.objects.create(
            application=application,
            theme=themes[code],
            year=year,
            amount=asked,
            granted_amount=amount,
            description="Activiteiten",
        )
        total += amount
    if any(Decimal(str((requested or {}).get(k, v))) != Decimal(str(v)) for k, v in amounts.items()):
        application.status = ApplicationStatus.PARTLY_GRANTED
        application.save(update_fields=["status"])
    GrantDecision.objects.create(
        application=application,
        reference=f"BES-{application.reference}",
        outcome=GrantOutcome.GRANTED
        if application.status == ApplicationStatus.GRANTED
        else GrantOutcome.PARTLY_GRANTED,
        decided_by=decided_by,
        decided_at=timezone.make_aware(datetime(scheme.first_year - 1, 12, 11, 12)),
        total_granted=total,
    )
    return application


def report_endorsement(area) -> Decision:
    return endorsement_for(area, subject=DecisionSubject.ENDORSE_SPENDING_REPORT, outcome=DecisionOutcome.ADOPTED)


TODAY = date(2026, 11, 30)


REPORT_STATUSES = [
    SpendingReportStatus.ACCEPTED,
    SpendingReportStatus.ACCEPTED,
    SpendingReportStatus.SUBMITTED,
    SpendingReportStatus.DRAFT,  # not counted
    SpendingReportStatus.RETURNED,  # not counted
]


def random_cents(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)) / 100


def accounting_round(scheme: Scheme, areas, national, *, seed: int, per_area: int = 2) -> list[Application]:
    """Granted applications in `areas` with reports of every status: underspending (carried and lapsed),
    overspending (excess, and carried money drawn into the integral part where the rule allows it),
    payments and accepted final accounts with a reclaim or a sum still to pay."""
    rng = random.Random(seed)
    themes = list(scheme.themes.order_by("position"))
    made = []
    spending_without_grant(scheme, areas[0], national, rng)
    for area in areas:
        for _ in range(per_area):
            amounts = {
                (theme.code, year): str(random_cents(rng, 10_000, 500_000))
                for theme in rng.sample(themes, k=min(len(themes), rng.randint(2, 5)))
                for year in scheme.years
                if rng.random() < 0.8
            }
            app = granted_application(area, scheme, amounts, decided_by=national)
            decision = app.grant_decision
            for year in scheme.years:
                status = rng.choice(REPORT_STATUSES)
                report = SpendingReport.objects.create(
                    application=app, year=year, status=status, is_final=year == scheme.last_year
                )
                for theme in rng.sample(themes, k=rng.randint(1, len(themes))):
                    SpendingLine.objects.create(report=report, theme=theme, amount=random_cents(rng, 0, 700_000))
                if report.is_final and status == SpendingReportStatus.ACCEPTED:
                    report.reclaim_amount = random_cents(rng, 0, 90_000)
                    report.still_to_pay_amount = random_cents(rng, 0, 90_000)
                    report.save(update_fields=["reclaim_amount", "still_to_pay_amount"])
                Payment.objects.create(
                    grant_decision=decision,
                    municipality=area.municipality,
                    year=year,
                    amount=random_cents(rng, 1_000, 300_000),
                    paid_on=date(year, 3, 1),
                    reference=f"P-{app.pk}-{year}",
                    recorded_by=national,
                )
            made.append(app)
    spending_without_grant(scheme, areas[-1], national, rng)
    # A draft application does not count (an area has one open application per scheme at most).
    if not Application.objects.filter(area=areas[-1], scheme=scheme, status=ApplicationStatus.DRAFT).exists():
        Application.objects.create(area=areas[-1], scheme=scheme, reference=f"D-{seed}", status=ApplicationStatus.DRAFT)
    return made


def spending_without_grant(scheme, area, national, rng) -> None:
    """An application without granted lines whose spending is still counted (and is all excess); made
    first and last, so that it comes before and after the others in id order."""
    application = granted_application(area, scheme, {}, decided_by=national)
    report = SpendingReport.objects.create(
        application=application, year=scheme.first_year, status=SpendingReportStatus.ACCEPTED
    )
    theme = scheme.themes.order_by("position").first()
    SpendingLine.objects.create(report=report, theme=theme, amount=random_cents(rng, 100, 10_000))
