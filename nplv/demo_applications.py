"""Demo applications: the SPUK 2026–2028 round (one granted application per area, with reviews,
decision and history) and three supplementary applications in draft, submitted and in review.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from alliances.models import Attendance, Decision, DecisionOutcome, DecisionSubject, Meeting
from areas.models import Area
from funding.models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    Ceiling,
    GrantDecision,
    GrantOutcome,
    Recommendation,
    Review,
    Scheme,
)
from funding.reference import split_in_cents

from .demo_common import SCHEME_CODE, HistoryStep, _bureau_users, _write_history

REQUESTED_SHARE = Decimal("0.9742")  # ~€411 million of the €421.9 million available, all granted
# After the round, three areas ask for part of what is left under their ceilings (a supplementary
# application), kept at different steps so that every step of the workflow can be shown.
SUPPLEMENTARY_THEMES = ("integraal", "jonge-kind")
SUPPLEMENTARY_SHARE = Decimal("0.5")  # half of what is left under the ceiling
IN_FLIGHT = {
    "Lelystad-Oost": ApplicationStatus.DRAFT,
    "Utrecht Overvecht": ApplicationStatus.SUBMITTED,
    "Tilburg NoordWest": ApplicationStatus.IN_REVIEW,
}


def _reference(area: Area, scheme: Scheme) -> str:
    return f"{scheme.code.upper()}-{area.pk:05d}"


# Who recommends on which theme in the demo: the ministry's reviewer; the integral part the second
# member of the national team, so that the first (who decides) never reviewed (four eyes).
DEMO_REVIEWERS = {"OCW": "beoordelaar.ocw", "SZW": "beoordelaar.szw", "BZK": "beoordelaar.bzk", "": "programmateam2"}


@transaction.atomic
def demo_applications(areas: list[Area], *, decided_by: User | None) -> int:
    """The SPUK 2026–2028 round: one application per area, all granted (~€411 million of €421.9 million);
    then three supplementary applications for part of what is left, in draft, submitted and in review.

    Granted and in-review applications carry the recommendations of the right ministries' reviewers
    and the transitions a real one would have; the decision letters are written when first downloaded.
    """
    scheme = Scheme.objects.filter(code=SCHEME_CODE).first()
    if scheme is None:
        return 0
    years = list(scheme.years)
    created = 0
    ceilings = {}
    for ceiling in Ceiling.objects.filter(theme__scheme=scheme, area__in=areas).select_related("theme"):
        ceilings.setdefault(ceiling.area_id, []).append(ceiling)
    reviewers = {
        ministry: user
        for ministry, username in DEMO_REVIEWERS.items()
        if (user := User.objects.filter(username=username).first()) is not None and user != decided_by
    }
    bureau = _bureau_users(areas)
    reviews: list[Review] = []
    history: list[HistoryStep] = []

    def add(area, status, reference, specs, endorsement, submitted_at) -> None:
        """One application with lines [(ceiling, year, amount)] at `status`, with its reviews and history."""
        application = Application.objects.create(
            area=area,
            scheme=scheme,
            reference=reference,
            status=status,
            endorsement=endorsement if status != ApplicationStatus.DRAFT else None,
            submitted_at=None if status == ApplicationStatus.DRAFT else submitted_at,
        )
        if application.endorsement is not None:  # the decision names the one application it endorses
            endorsement.endorses = application
            endorsement.save(update_fields=["endorses_type", "endorses_id"])
        lines = ApplicationLine.objects.bulk_create(
            ApplicationLine(
                application=application,
                theme=ceiling.theme,
                year=year,
                amount=amount,
                description=f"{ceiling.theme.name} in {area.name}, {year}",
                partners="Gemeente, schoolbesturen en welzijnsorganisatie"
                if ceiling.theme.code == "school-omgeving"
                else "",
                school_share_in_area=Decimal("92.00") if ceiling.theme.code == "school-omgeving" else None,
                granted_amount=amount if status == ApplicationStatus.GRANTED else None,
            )
            for ceiling, year, amount in specs
        )
        on = submitted_at.date()
        steps = (
            []
            if status == ApplicationStatus.DRAFT
            else [(ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, bureau.get(area.pk), on)]
        )
        if status in (ApplicationStatus.IN_REVIEW, ApplicationStatus.GRANTED):
            # In review: the first half of the lines has its advice; granted: all of them.
            advised = lines if status == ApplicationStatus.GRANTED else lines[: len(lines) // 2]
            reviews.extend(
                Review(
                    line=line,
                    reviewer=reviewers[line.theme.ministry],
                    recommendation=Recommendation.GRANT_FULL,
                    recommended_amount=line.amount,
                    reason="Past binnen het gebiedsplan en de regeling.",
                )
                for line in advised
                if line.theme.ministry in reviewers
            )
            steps.append(
                (
                    ApplicationStatus.SUBMITTED,
                    ApplicationStatus.IN_REVIEW,
                    reviewers.get("OCW"),
                    on + timedelta(days=11),
                )
            )
        if status == ApplicationStatus.GRANTED and decided_by is not None:
            GrantDecision.objects.create(
                application=application,
                reference=f"BES-{application.reference}",
                outcome=GrantOutcome.GRANTED,
                decided_by=decided_by,
                decided_at=timezone.make_aware(datetime.combine(date(2025, 12, 11), time(12))),
                total_granted=sum((line.amount for line in lines), Decimal("0")),
            )
            steps.append((ApplicationStatus.IN_REVIEW, ApplicationStatus.GRANTED, decided_by, date(2025, 12, 11)))
        history.extend(HistoryStep(application, source, target, day, actor) for source, target, actor, day in steps)

    round_submitted = timezone.make_aware(datetime.combine(date(2025, 9, 25), time(10)))
    later_submitted = timezone.make_aware(datetime.combine(date(2026, 10, 1), time(10)))
    for area in areas:
        if Application.objects.filter(area=area, scheme=scheme).exists() or area.pk not in ceilings:
            continue
        endorsements = Decision.objects.filter(
            meeting__alliance__area=area, subject=DecisionSubject.ENDORSE_APPLICATION
        ).order_by("meeting__date")
        ordered = sorted(ceilings[area.pk], key=lambda c: c.theme.position)
        specs, requested = [], {}
        for ceiling in ordered:
            requested[ceiling.pk] = (ceiling.amount * REQUESTED_SHARE).quantize(Decimal("0.01"))
            specs += [
                (ceiling, year, amount)
                for year, amount in zip(years, split_in_cents(requested[ceiling.pk], [1] * len(years)), strict=True)
                if amount > 0
            ]
        endorsement = endorsements.first()
        # Submitted a few days after the meeting that endorsed it, never before.
        submitted_at = max(round_submitted, _after_meeting(endorsement)) if endorsement else round_submitted
        add(area, ApplicationStatus.GRANTED, _reference(area, scheme), specs, endorsement, submitted_at)
        created += 1
        if area.name in IN_FLIGHT:
            meeting = _meeting_like(
                Meeting.objects.filter(alliance__area=area).order_by("-date").first(),
                day=later_submitted.date() - timedelta(days=14),
            )
            endorsement = Decision.objects.create(
                meeting=meeting,
                subject=DecisionSubject.ENDORSE_APPLICATION,
                text="De alliantie stemt in met een aanvullende aanvraag voor wat onder de plafonds resteert.",
                outcome=DecisionOutcome.ADOPTED,
            )
            later_years = years[1:]
            extra = []
            for ceiling in ordered:
                if ceiling.theme.code not in SUPPLEMENTARY_THEMES:
                    continue
                left = ((ceiling.amount - requested[ceiling.pk]) * SUPPLEMENTARY_SHARE).quantize(Decimal("0.01"))
                parts = split_in_cents(left, [1] * len(later_years))
                extra += [
                    (ceiling, year, amount) for year, amount in zip(later_years, parts, strict=True) if amount > 0
                ]
            add(area, IN_FLIGHT[area.name], f"{_reference(area, scheme)}-2", extra, endorsement, later_submitted)
            created += 1
    Review.objects.bulk_create(reviews, batch_size=1000)
    _write_history(history)
    return created


def _after_meeting(decision: Decision) -> datetime:
    return timezone.make_aware(datetime.combine(decision.meeting.date + timedelta(days=5), time(10)))


def _meeting_like(meeting: Meeting, *, day: date) -> Meeting:
    """A later meeting of the same alliance with the same attendance (so it is quorate too)."""
    later = Meeting.objects.create(
        alliance=meeting.alliance, date=day, location=meeting.location, agenda="1. Aanvullende aanvraag\n2. Rondvraag"
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=later, membership_id=membership_id, status=status)
        for membership_id, status in meeting.attendances.values_list("membership_id", "status")
    )
    return later
