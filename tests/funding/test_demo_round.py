"""The demo 2026–2028 round: reviewed by the right ministries, decided by someone who did not review."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from funding.models import ApplicationLine, ApplicationStatus, GrantDecision, Review

pytestmark = pytest.mark.django_db


def test_demo_round_is_granted_in_full_with_four_eyes(demo_data):
    decisions = GrantDecision.objects.select_related("application", "decided_by")
    assert decisions.count() == 20  # the whole round granted; the three in flight are supplementary
    for decision in decisions:
        reviews = Review.objects.filter(line__application=decision.application).select_related(
            "line__theme", "reviewer"
        )
        assert reviews.count() == decision.application.lines.count()
        assert decision.decided_by_id not in {r.reviewer_id for r in reviews}
        for review in reviews:
            ministry = review.line.theme.ministry
            if ministry:
                assert review.reviewer.ministry == ministry
            else:
                assert review.reviewer.role == "national_team"
    granted = ApplicationLine.objects.filter(application__status=ApplicationStatus.GRANTED)
    totals = granted.aggregate(requested=Sum("amount"), granted=Sum("granted_amount"))
    assert Decimal(str(totals["requested"])).quantize(Decimal("0.01")) == Decimal(str(totals["granted"])).quantize(
        Decimal("0.01")
    )
    requested = ApplicationLine.objects.aggregate(total=Sum("amount"))["total"]
    assert Decimal("405000000") < Decimal(str(requested)) < Decimal("415000000")


def test_supplementary_applications_stay_within_what_is_left(demo_data):
    """Three areas ask for part of what the round left under their ceilings, at three different steps."""
    from funding.models import Application, Ceiling

    supplementary = Application.objects.filter(reference__endswith="-2").select_related("area")
    assert {a.area.name: a.status for a in supplementary} == {
        "Lelystad-Oost": ApplicationStatus.DRAFT,
        "Utrecht Overvecht": ApplicationStatus.SUBMITTED,
        "Tilburg NoordWest": ApplicationStatus.IN_REVIEW,
    }
    for application in supplementary:
        for ceiling in Ceiling.objects.filter(area=application.area, theme__scheme=application.scheme):
            amounts = ApplicationLine.objects.filter(application__area=application.area, theme=ceiling.theme)
            assert sum(amounts.values_list("amount", flat=True), Decimal("0")) <= ceiling.amount
