"""Test data for accounting: granted applications made directly (the application workflow has its own tests)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from alliances.models import Decision, DecisionOutcome, DecisionSubject
from funding.models import Application, ApplicationLine, ApplicationStatus, GrantDecision, GrantOutcome, Scheme

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
