"""Demo data for accounting: the whole grant cycle, from decision to final account.

- SPUK Kansrijke Wijk 2023–2025 (€ 256 million over the 20 areas, divided by residents and over the
  themes with illustrative weights): granted in December 2023, paid in three instalments, reports for
  2023 and 2024 accepted with money carried into the next year, the final report for 2025 accepted
  with a reclaim in a few areas and still awaiting the national team in two.
- SPUK Kansrijke Wijk 2026–2028 (granted by `demo.demo_applications`): the payment schedule, the
  2026 instalment paid, and the 2026 reports in draft, with an adopted endorsement ready for submit.

The figures are illustrative. They are computed with the same carry-over arithmetic the services use
(`funding.carryover`) and checked against it; rows are written in bulk so that `--scale 50` stays quick.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from alliances.models import Decision, DecisionOutcome, DecisionSubject, Meeting
from areas.models import Area
from funding.carryover import CarryOverRule, final_account, ledger
from funding.models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    GrantDecision,
    GrantOutcome,
    Payment,
    PaymentInstalment,
    Scheme,
    SpendingLine,
    SpendingReport,
    SpendingReportStatus,
)
from funding.reference import split_in_cents

from .demo_common import HistoryStep, _bureau_users, _write_history

OLD_SCHEME, NEW_SCHEME = "spuk-kw-2023-2025", "spuk-kw-2026-2028"
OLD_TOTAL = Decimal("256000000.00")
# Illustrative shares of the 2023–2025 themes (the real split per area is not public).
OLD_THEME_WEIGHTS = {
    "preventie-armoede-schulden": 18,
    "veerkracht-weerbaarheid": 8,
    "re-integratie": 14,
    "school-omgeving": 25,
    "jonge-kind": 17,
    "gezonde-leefomgeving": 6,
    "programmaondersteuning": 12,
}
OLD_DECIDED = date(2023, 12, 15)
# Areas whose 2025 spending fell short (a reclaim follows), and whose final report still waits for the team.
UNDERSPENT = {"Delft-West", "Heerlen-Noord", "Lelystad-Oost", "Roosendaal Ring"}
FINAL_AWAITING = {"Breda-Noord", "Zaandam-Oost"}
CENT = Decimal("0.01")


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _share(amount: Decimal, percent: int) -> Decimal:
    return (amount * percent / 100).quantize(CENT)


def _endorsement(area: Area, day: date, text: str) -> Decision | None:
    alliance = getattr(area, "alliance", None)
    if alliance is None or area.is_synthetic:  # synthetic areas (benchmarks) skip the meeting for speed
        return None
    # The alliance endorses in one of its own meetings (the last one by then, else its first).
    meetings = Meeting.objects.filter(alliance=alliance)
    meeting = meetings.filter(date__lte=day).order_by("-date").first() or meetings.order_by("date").first()
    if meeting is None:
        meeting = Meeting.objects.create(alliance=alliance, date=day, location="Stadhuis")
    return Decision.objects.create(
        meeting=meeting, subject=DecisionSubject.ENDORSE_SPENDING_REPORT, text=text, outcome=DecisionOutcome.ADOPTED
    )


@transaction.atomic
def demo_accounting(areas: list[Area], *, decided_by: User | None) -> dict[str, int]:
    """Both rounds' accounting; areas that already have it are skipped (running twice changes nothing)."""
    counts = {"aanvragen 2023–2025": 0, "betalingen": 0, "verantwoordingen": 0}
    history: list[HistoryStep] = []
    bureau = _bureau_users(areas)
    team = User.objects.filter(username="programmateam2").first() or decided_by
    old = Scheme.objects.filter(code=OLD_SCHEME).first()
    if old is not None and decided_by is not None:
        _old_round(old, areas, decided_by=decided_by, team=team, bureau=bureau, history=history, counts=counts)
    new = Scheme.objects.filter(code=NEW_SCHEME).first()
    if new is not None:
        _new_round(new, areas, team=team, bureau=bureau, history=history, counts=counts)
    _write_history(history)
    return counts


def _old_round(scheme, areas, *, decided_by, team, bureau, history, counts) -> None:
    themes = {t.code: t for t in scheme.themes.all()}
    weights = [(themes[code], weight) for code, weight in OLD_THEME_WEIGHTS.items() if code in themes]
    real = sorted((a for a in areas if not a.is_synthetic), key=lambda a: a.name)
    if not real:
        return
    per_area = dict(zip([a.pk for a in real], split_in_cents(OLD_TOTAL, [a.residents for a in real]), strict=True))
    done = set(Application.objects.filter(scheme=scheme).values_list("area_id", flat=True))
    years = list(scheme.years)
    rule = CarryOverRule.of(scheme)
    for index, area in enumerate(sorted(areas, key=lambda a: (a.is_synthetic, a.name))):
        if area.pk in done:
            continue
        total = per_area.get(area.pk) or per_area[real[index % len(real)].pk]
        application = Application.objects.create(
            area=area,
            scheme=scheme,
            reference=f"{scheme.code.upper()}-{area.pk:05d}",
            status=ApplicationStatus.GRANTED,
            submitted_at=_at(date(2023, 9, 25)),
        )
        granted: dict = {}
        lines = []
        for (theme, _weight), theme_total in zip(weights, split_in_cents(total, [w for _t, w in weights]), strict=True):
            for year, amount in zip(years, split_in_cents(theme_total, [1] * len(years)), strict=True):
                granted[(theme.pk, year)] = amount
                lines.append(
                    ApplicationLine(
                        application=application,
                        theme=theme,
                        year=year,
                        amount=amount,
                        granted_amount=amount,
                        description=f"{theme.name} in {area.name}, {year}",
                        partners="Gemeente, schoolbesturen en welzijnsorganisatie"
                        if theme.code == "school-omgeving"
                        else "",
                        school_share_in_area=Decimal("90.00") if theme.code == "school-omgeving" else None,
                    )
                )
        ApplicationLine.objects.bulk_create(lines)
        decision = GrantDecision.objects.create(
            application=application,
            reference=f"BES-{application.reference}",
            outcome=GrantOutcome.GRANTED,
            decided_by=decided_by,
            decided_at=_at(OLD_DECIDED, 12),
            total_granted=total,
        )
        actor = bureau.get(area.pk)
        history += [
            HistoryStep(application, ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, date(2023, 9, 25), actor),
            HistoryStep(application, ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW, date(2023, 10, 9), team),
            HistoryStep(application, ApplicationStatus.IN_REVIEW, ApplicationStatus.GRANTED, OLD_DECIDED, decided_by),
        ]
        counts["aanvragen 2023–2025"] += 1
        # Paid in three instalments: the 2023 money right after the decision, then every January.
        due = {2023: date(2023, 12, 28), 2024: date(2024, 1, 31), 2025: date(2025, 1, 31)}
        per_year = {y: sum((a for (_t, yy), a in granted.items() if yy == y), Decimal("0")) for y in years}
        _pay(decision, area, per_year, due, paid_years=years, team=team, counts=counts)
        # Spending: a slow 2023 (carried into 2024), catching up in 2024, the rest in 2025.
        spent: dict = {}
        slow = 70 + index % 4 * 5  # 70–85% of 2023's grant
        for (theme_id, year), amount in granted.items():
            if year == 2023:
                spent[(theme_id, year)] = _share(amount, slow)
        book = ledger(rule=rule, granted=granted, spent=spent)
        for (theme_id, year), amount in granted.items():
            if year == 2024:
                carried = book.cell(theme_id, 2024).carried_in
                spent[(theme_id, year)] = amount + _share(carried, 80)
        book = ledger(rule=rule, granted=granted, spent=spent)
        for (theme_id, year), _amount in granted.items():
            if year == 2025:
                available = book.cell(theme_id, 2025).available
                spent[(theme_id, year)] = _share(available, 92) if area.name in UNDERSPENT else available
        book = ledger(rule=rule, granted=granted, spent=spent)
        assert not book.excesses(), f"demo spending for {area} exceeds what is available"
        paid = sum(per_year.values(), Decimal("0"))
        reports = [
            (2023, date(2024, 3, 28), date(2024, 5, 15), SpendingReportStatus.ACCEPTED),
            (2024, date(2025, 3, 27), date(2025, 5, 20), SpendingReportStatus.ACCEPTED),
            (
                2025,
                date(2026, 3, 26),
                date(2026, 6, 16),
                SpendingReportStatus.SUBMITTED if area.name in FINAL_AWAITING else SpendingReportStatus.ACCEPTED,
            ),
        ]
        for year, submitted_on, accepted_on, status in reports:
            report = SpendingReport(
                application=application,
                year=year,
                is_final=year == scheme.last_year,
                status=status,
                endorsement=_endorsement(
                    area,
                    submitted_on.replace(day=submitted_on.day - 7),
                    f"De alliantie stemt in met de verantwoording {year}.",
                ),
                created_by=actor,
                submitted_at=_at(submitted_on),
            )
            if status == SpendingReportStatus.ACCEPTED:
                report.accepted_by = team
                report.accepted_at = _at(accepted_on)
            if report.is_final and status == SpendingReportStatus.ACCEPTED:
                account = final_account(book=book, paid=paid)
                report.eligible_amount = account.eligible
                report.paid_amount = account.paid
                report.fixed_amount = account.fixed
                report.reclaim_amount = account.reclaim
                report.still_to_pay_amount = account.still_to_pay
            report.save()
            SpendingLine.objects.bulk_create(
                SpendingLine(
                    report=report,
                    theme_id=theme_id,
                    amount=amount,
                    explanation=_explanation(amount, granted[(theme_id, yy)], year),
                )
                for (theme_id, yy), amount in spent.items()
                if yy == year
            )
            history += [
                HistoryStep(report, "", SpendingReportStatus.DRAFT, date(year + 1, 1, 20), actor),
                HistoryStep(report, SpendingReportStatus.DRAFT, SpendingReportStatus.SUBMITTED, submitted_on, actor),
            ]
            if status == SpendingReportStatus.ACCEPTED:
                history.append(
                    HistoryStep(
                        report,
                        SpendingReportStatus.SUBMITTED,
                        SpendingReportStatus.ACCEPTED,
                        accepted_on,
                        team,
                        "Vastgesteld; terugvordering berekend." if report.is_final else "",
                    )
                )
            counts["verantwoordingen"] += 1


def _explanation(spent: Decimal, planned: Decimal, year: int) -> str:
    if abs(spent - planned) <= planned / 10:
        return ""
    if spent < planned:
        return f"Activiteiten kwamen in {year} later op gang; het restant schuift door volgens de regeling."
    return f"In {year} is het in het vorige jaar meegenomen budget besteed aan de uitgestelde activiteiten."


def _pay(decision, area, per_year, due, *, paid_years, team, counts) -> None:
    PaymentInstalment.objects.bulk_create(
        PaymentInstalment(grant_decision=decision, year=year, amount=amount, due_on=due[year])
        for year, amount in per_year.items()
        if amount > 0
    )
    Payment.objects.bulk_create(
        Payment(
            grant_decision=decision,
            municipality_id=area.municipality_id,
            year=due[year].year,
            amount=per_year[year],
            paid_on=due[year],
            reference=f"BET-{decision.application.reference}-{year}",
            recorded_by=team,
        )
        for year in paid_years
        if per_year[year] > 0
    )
    counts["betalingen"] += len([y for y in paid_years if per_year[y] > 0])


def _new_round(scheme, areas, *, team, bureau, history, counts) -> None:
    applications = (
        Application.objects.filter(scheme=scheme, area__in=areas, status=ApplicationStatus.GRANTED)
        .exclude(grant_decision__payments__isnull=False)
        .select_related("area", "grant_decision")
        .order_by("area__name", "pk")
    )
    due = {2026: date(2026, 1, 30), 2027: date(2027, 1, 29), 2028: date(2028, 1, 31)}
    for application in applications:
        area = application.area
        granted = {
            (line.theme_id, line.year): line.granted_amount
            for line in ApplicationLine.objects.filter(application=application)
            if line.granted_amount
        }
        per_year = {y: sum((a for (_t, yy), a in granted.items() if yy == y), Decimal("0")) for y in scheme.years}
        _pay(application.grant_decision, area, per_year, due, paid_years=[2026], team=team, counts=counts)
        actor = bureau.get(area.pk)
        report = SpendingReport.objects.create(application=application, year=2026, created_by=actor)
        SpendingLine.objects.bulk_create(
            SpendingLine(
                report=report,
                theme_id=theme_id,
                amount=_share(amount, 80),
                explanation="Besteed tot en met november; de rest volgt in december of schuift door naar 2027.",
            )
            for (theme_id, year), amount in granted.items()
            if year == 2026
        )
        history.append(HistoryStep(report, "", SpendingReportStatus.DRAFT, date(2026, 11, 2), actor))
        counts["verantwoordingen"] += 1
        if not area.is_synthetic:
            _endorsement(area, date(2026, 11, 24), "De alliantie stemt in met de verantwoording 2026.")
