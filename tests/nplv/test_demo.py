"""The demo data: believable alliances and the 2026–2028 round."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from alliances.models import Alliance, Area, MemberRole, Membership, ResidentRepresentation
from funding.models import Application, ApplicationLine, ApplicationStatus

pytestmark = pytest.mark.django_db


def test_resident_representation_7_3_10(demo_data):
    counts = dict(Area.objects.values_list("resident_representation").annotate(n=Count("pk")))
    assert counts == {
        ResidentRepresentation.AT_TABLE: 7,
        ResidentRepresentation.INDIRECT: 3,
        ResidentRepresentation.NONE: 10,
    }


def test_nieuw_west_has_5_seats_and_7_resident_members(demo_data):
    alliance = Alliance.objects.get(area__slug="amsterdam-nieuw-west")
    assert alliance.resident_seats == 5
    assert alliance.memberships.filter(role=MemberRole.RESIDENT).count() == 7
    meeting = alliance.meetings.first()
    assert meeting.attendances.filter(membership__role=MemberRole.RESIDENT, status="present").count() == 5


def test_every_alliance_has_one_chair_and_one_national_representative(demo_data):
    per_alliance = Alliance.objects.annotate(
        chairs=Count("memberships", filter=Q(memberships__role=MemberRole.CHAIR)),
        reps=Count("memberships", filter=Q(memberships__role=MemberRole.NATIONAL_REPRESENTATIVE)),
    )
    assert per_alliance.count() == 20
    assert {(a.chairs, a.reps) for a in per_alliance} == {(1, 1)}
    reps = Membership.objects.filter(role=MemberRole.NATIONAL_REPRESENTATIVE)
    assert set(reps.values_list("ministry", flat=True)) <= {"SZW", "OCW", "VWS", "JENV", "BZK", "VRO"}
    assert set(reps.values_list("rank", flat=True)) <= {"director", "dg", "sg"}


def test_round_2026_2028_requests_about_411_million(demo_data):
    lines = list(
        ApplicationLine.objects.filter(application__scheme__code="spuk-kw-2026-2028").values_list("amount", flat=True)
    )
    total = sum(lines, Decimal("0"))
    assert Decimal("405000000") < total < Decimal("415000000")
    statuses = set(Application.objects.values_list("status", flat=True))
    assert {ApplicationStatus.GRANTED, ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED} <= statuses


def test_demo_is_idempotent(demo_data):
    before = (Alliance.objects.count(), Membership.objects.count(), Application.objects.count())
    call_command("load_demo_data", "--quiet-logins")
    assert (Alliance.objects.count(), Membership.objects.count(), Application.objects.count()) == before


def test_scale_adds_synthetic_areas(demo_data):
    call_command("load_demo_data", "--scale", "2", "--quiet-logins")
    assert Area.objects.count() == 40
    assert Area.objects.filter(is_synthetic=True).count() == 20
    assert Alliance.objects.count() == 40


def test_scale_out_of_range_is_refused(demo_data):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--scale"):
        call_command("load_demo_data", "--scale", "0")
