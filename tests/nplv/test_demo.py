"""The demo data: believable alliances and the 2026–2028 round."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from alliances.models import Alliance, MemberRole, Membership
from areas.models import Area, ResidentRepresentation
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
    call_command("load_demo_data", "--quiet-logins")  # the first run adds what the fixture leaves out (accounting)
    before = (Alliance.objects.count(), Membership.objects.count(), Application.objects.count())
    call_command("load_demo_data", "--quiet-logins")
    assert (Alliance.objects.count(), Membership.objects.count(), Application.objects.count()) == before


@pytest.mark.postgres
def test_on_postgresql_the_load_ends_by_refreshing_the_planner_statistics(demo_data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("ANALYZE after the load is for PostgreSQL (DATABASE_URL)")
    with CaptureQueriesContext(connection) as queries:
        call_command("load_demo_data", "--quiet-logins")
    assert queries.captured_queries[-1]["sql"] == "ANALYZE"


def test_scale_adds_synthetic_areas(demo_data):
    call_command("load_demo_data", "--scale", "2", "--quiet-logins")
    assert Area.objects.count() == 40
    assert Area.objects.filter(is_synthetic=True).count() == 20
    assert Alliance.objects.count() == 40


def test_scale_out_of_range_is_refused(demo_data):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--scale"):
        call_command("load_demo_data", "--scale", "0")


def test_demo_history_follows_each_workflow_to_its_state(demo_data, client):
    """Adopted plans, interventions (idea → … → their status) and applications have their transitions,
    dated as the demo tells it, so the history panels are not empty; the history pages show them."""
    from datetime import date

    from django.urls import reverse

    from accounts.models import User
    from alliances.models import Plan, PlanStatus
    from core.models import Transition
    from core.workflow import transitions_of
    from interventions.models import Intervention, InterventionStatus

    for plan in Plan.objects.filter(status=PlanStatus.ADOPTED):
        assert [(t.source, t.target) for t in transitions_of(plan)] == [("draft", "adopted")]
    roads = {
        InterventionStatus.IDEA: ["idea"],
        InterventionStatus.PLANNED: ["idea", "planned"],
        InterventionStatus.RUNNING: ["idea", "planned", "running"],
        InterventionStatus.COMPLETED: ["idea", "planned", "running", "completed"],
        InterventionStatus.STOPPED: ["idea", "planned", "running", "stopped"],
    }
    interventions = list(Intervention.objects.all())
    assert {i.status for i in interventions} == set(roads)
    for intervention in interventions:
        history = list(transitions_of(intervention))
        assert [t.target for t in history] == roads[intervention.status]
        assert [t.source for t in history] == ["", *roads[intervention.status][:-1]]
        assert [t.at for t in history] == sorted(t.at for t in history)
        if intervention.status == InterventionStatus.STOPPED:
            assert history[-1].comment == intervention.stop_reason
        if intervention.status == InterventionStatus.RUNNING:
            assert history[-1].at.date() == intervention.start_date
        assert (intervention.created_at, intervention.updated_at) == (history[0].at, history[-1].at)
    for application in Application.objects.exclude(status=ApplicationStatus.DRAFT):
        targets = [t.target for t in transitions_of(application)]
        assert targets[0] == "submitted" and targets[-1] == application.status
    granted = Application.objects.filter(status=ApplicationStatus.GRANTED).first()
    assert transitions_of(granted).last().at.date() == date(2025, 12, 11)
    assert not Transition.objects.filter(at__date__gt=date.today()).exists()

    client.force_login(User.objects.get(username="bureau.nieuwwest"))
    plan = Plan.objects.get(alliance__area__slug="amsterdam-nieuw-west", status=PlanStatus.ADOPTED)
    page = client.get(reverse("plan-detail", args=[plan.pk])).content.decode()
    assert "Nog geen statuswijzigingen" not in page
    # The states in words, not their codes: from "Concept" to "Vastgesteld".
    assert "<td>Concept</td>" in page and '<th scope="row">Vastgesteld</th>' in page
    assert "<td>draft</td>" not in page
    running = Intervention.objects.filter(area__slug="amsterdam-nieuw-west", status="running").first()
    page = client.get(running.get_absolute_url()).content.decode()
    assert "Fatima" in page or "bureau.nieuwwest" in page
