"""Demo data for daily work: something waits in "Mijn taken" for every demo login.

Dated relative to today, so that deadlines and upcoming meetings stay ahead of the demo whenever it is
loaded. Idempotent: a second run adds nothing.

- Rotterdam-Zuid asks for more under SPUK 2026–2028 (lines for OCW, SZW, BZK and the integral part,
  none advised yet), and two reviewers asked it questions: one due next week, one overdue.
  → bureau.rotterdamzuid answers; every reviewer advises; the national team sees the overdue answer.
- Rotterdam-Zuid met five days ago and the attendance is not recorded yet. → bureau.rotterdamzuid
- Amsterdam Nieuw-West meets in twelve days. → lid.nieuwwest (and the decisions of its last meeting)
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from alliances.models import Alliance, Decision, DecisionOutcome, DecisionSubject, Meeting
from funding.models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    Ceiling,
    InformationRequest,
    Scheme,
)
from funding.reference import split_in_cents

from .demo_common import SCHEME_CODE, HistoryStep, _write_history

SUPPLEMENT_AREA = "rotterdam-zuid"
SUPPLEMENT_THEMES = ("integraal", "jonge-kind", "re-integratie-geldzorgen", "programmabureau")
SUPPLEMENT_SHARE = Decimal("0.01")  # one percent of the ceiling: well within what is left


def _aware(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def _supplementary_application(today) -> int:
    scheme = Scheme.objects.filter(code=SCHEME_CODE).first()
    alliance = Alliance.objects.filter(area__slug=SUPPLEMENT_AREA).select_related("area").first()
    if scheme is None or alliance is None:
        return 0
    area = alliance.area
    reference = f"KW-{area.slug.upper()}-AANVULLING"
    if Application.objects.filter(reference=reference).exists():
        return 0
    if Application.objects.filter(
        area=area, scheme=scheme, status__in=["draft", "submitted", "in_review", "info_requested"]
    ).exists():
        return 0
    bureau = User.objects.filter(username="bureau.rotterdamzuid").first()
    szw = User.objects.filter(username="beoordelaar.szw").first()
    bzk = User.objects.filter(username="beoordelaar.bzk").first()
    if szw is None or bzk is None:
        return 0
    meeting = Meeting.objects.filter(alliance=alliance).order_by("-date").first()
    endorsement = Decision.objects.create(
        meeting=meeting,
        subject=DecisionSubject.ENDORSE_APPLICATION,
        text="De alliantie stemt in met een aanvullende aanvraag voor 2027 en 2028.",
        outcome=DecisionOutcome.ADOPTED,
    )
    submitted = today - timedelta(days=20)
    application = Application.objects.create(
        area=area,
        scheme=scheme,
        reference=reference,
        status=ApplicationStatus.INFO_REQUESTED,
        endorsement=endorsement,
        created_by=bureau,
        submitted_at=_aware(submitted),
    )
    years = [year for year in scheme.years if year > today.year] or [scheme.last_year]
    lines = []
    for ceiling in (
        Ceiling.objects.filter(area=area, theme__scheme=scheme, theme__code__in=SUPPLEMENT_THEMES)
        .select_related("theme")
        .order_by("theme__position")
    ):
        amount = (ceiling.amount * SUPPLEMENT_SHARE).quantize(Decimal("0.01"))
        for year, part in zip(years, split_in_cents(amount, [1] * len(years)), strict=True):
            if part > 0:
                lines.append(
                    ApplicationLine(
                        application=application,
                        theme=ceiling.theme,
                        year=year,
                        amount=part,
                        description=f"Aanvulling {ceiling.theme.name} in {area.name}, {year}",
                    )
                )
    ApplicationLine.objects.bulk_create(lines)
    asked = [
        (szw, "Hoeveel huishoudens bereikt de aanpak geldzorgen in 2027, en hoe meet u dat?", 3, 7),
        (bzk, "Welke formatie heeft het programmabureau nodig voor de aanvulling? Graag een begroting.", 16, -2),
    ]
    for reviewer, question, days_ago, due_in in asked:
        request = InformationRequest.objects.create(
            application=application, question=question, deadline=today + timedelta(days=due_in), asked_by=reviewer
        )
        InformationRequest.objects.filter(pk=request.pk).update(asked_at=_aware(today - timedelta(days=days_ago)))
    _write_history(
        [
            HistoryStep(application, ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, submitted, bureau),
            HistoryStep(
                application,
                ApplicationStatus.SUBMITTED,
                ApplicationStatus.IN_REVIEW,
                submitted + timedelta(days=4),
                bzk,
            ),
            HistoryStep(
                application,
                ApplicationStatus.IN_REVIEW,
                ApplicationStatus.INFO_REQUESTED,
                today - timedelta(days=16),
                bzk,
                asked[1][1],
            ),
        ]
    )
    return 1


def _meetings(today) -> int:
    created = 0
    plans = [
        (
            "rotterdam-zuid",
            today - timedelta(days=5),
            "Stadhuis Rotterdam",
            "1. Opening\n2. Aanvulling SPUK\n3. Rondvraag",
        ),
        (
            "amsterdam-nieuw-west",
            today + timedelta(days=12),
            "Wijkcentrum Nieuw-West",
            "1. Opening\n2. Voortgang interventies\n3. Knelpunt kostendelersnorm\n4. Rondvraag",
        ),
    ]
    for slug, day, location, agenda in plans:
        alliance = Alliance.objects.filter(area__slug=slug).first()
        if alliance is None or Meeting.objects.filter(alliance=alliance, date=day).exists():
            continue
        Meeting.objects.create(alliance=alliance, date=day, location=location, agenda=agenda)
        created += 1
    return created


@transaction.atomic
def demo_daily() -> int:
    """Add the daily-work demo items; returns how many records were added at the top level."""
    today = timezone.localdate()
    return _supplementary_application(today) + _meetings(today)
